package org.glancelookup.support;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One service on its demo defaults ({@link TestService#defaults()}) for all the tests of a class:
 * {@code @RegisterExtension static final DemoService SERVICE = new DemoService();}.
 */
public final class DemoService implements BeforeAllCallback, AfterAllCallback {
    private TestService service;

    public TestService get() {
        return service;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        service = TestService.start(TestService.defaults());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (service != null) { // it did start
            service.close();
        }
    }
}
