package org.glancelookup.support;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** Every readable attribute of every MBean in the JVM, as text (what Hawtio's Jolokia can show). */
public final class JmxAttributes {
    private JmxAttributes() {
    }

    public static List<String> all() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        List<String> values = new ArrayList<>();
        for (ObjectName name : server.queryNames(null, null)) {
            for (MBeanAttributeInfo attribute : server.getMBeanInfo(name).getAttributes()) {
                if (!attribute.isReadable()) {
                    continue;
                }
                try {
                    Object value = server.getAttribute(name, attribute.getName());
                    values.add(name + " " + attribute.getName() + " = "
                            + (value instanceof Object[] array ? Arrays.deepToString(array) : String.valueOf(value)));
                } catch (Exception | Error unreadable) {
                    // some platform attributes are unsupported here
                }
            }
        }
        return values;
    }
}
