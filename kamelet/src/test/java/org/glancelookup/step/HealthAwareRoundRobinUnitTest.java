package org.glancelookup.step;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;
import org.glancelookup.glance.ServerCoolDown;
import org.junit.jupiter.api.Test;

/**
 * The balancer's choice on its own: a processor per server that only says which it is, no CamelContext, no
 * routes. The choice never needs the exchange, so none is made.
 */
class HealthAwareRoundRobinUnitTest {
    private static final List<String> SERVERS = List.of("http://a:9292", "http://b:9292", "http://c:9292");

    @Test
    void eachChoiceIsTheNextServerOfOneCursor() {
        Choosing balancer = new Choosing(new ServerCoolDown(Duration.ZERO));
        assertThat(balancer.next(7)).containsExactly(0, 1, 2, 0, 1, 2, 0);
    }

    @Test
    void aServerCoolingDownIsPassedOverAndTheTurnGoesOnAfterTheOneChosen() {
        ServerCoolDown coolDown = new ServerCoolDown(Duration.ofMinutes(1));
        Choosing balancer = new Choosing(coolDown);
        coolDown.failed(SERVERS.get(1));
        assertThat(balancer.next(5)).containsExactly(0, 2, 0, 2, 0);
    }

    @Test
    void whenEveryServerIsCoolingDownTheNextInTurnIsTriedAnyway() {
        ServerCoolDown coolDown = new ServerCoolDown(Duration.ofMinutes(1));
        SERVERS.forEach(coolDown::failed);
        Choosing balancer = new Choosing(coolDown);
        assertThat(balancer.next(4)).containsExactly(0, 1, 2, 0);
    }

    @Test
    void concurrentChoicesShareTheCursorEvenly() throws Exception {
        Choosing balancer = new Choosing(new ServerCoolDown(Duration.ZERO));
        Map<Integer, AtomicInteger> chosen = new ConcurrentHashMap<>();
        int callers = 8;
        int each = 300;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                done.add(pool.submit(() -> {
                    go.await();
                    balancer.next(each).forEach(n -> chosen.computeIfAbsent(n, k -> new AtomicInteger())
                            .incrementAndGet());
                    return null;
                }));
            }
            go.countDown();
            for (java.util.concurrent.Future<?> caller : done) {
                caller.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(chosen.values()).extracting(AtomicInteger::get).containsOnly(callers * each / SERVERS.size());
    }

    @Test
    void serversJoinAndLeaveWhileTheCursorGoesOn() {
        ServerCoolDown coolDown = new ServerCoolDown(Duration.ofMinutes(1));
        Choosing balancer = new Choosing(coolDown);
        Server d = new Server(3);
        balancer.balancer.addServer("http://d:9292", d);
        assertThat(balancer.next(4)).containsExactly(0, 1, 2, 3);
        coolDown.failed("http://d:9292");
        assertThat(balancer.next(4)).as("a server that joined has its cool-down too").containsExactly(0, 1, 2, 0);
        balancer.balancer.removeServer(balancer.balancer.getProcessors().get(1));
        assertThat(balancer.next(3)).containsExactly(2, 0, 2);
    }

    /** The balancer with one tagged processor per configured server, added as the route adds its outputs. */
    private static final class Choosing {
        private final HealthAwareRoundRobin balancer;

        Choosing(ServerCoolDown coolDown) {
            balancer = new HealthAwareRoundRobin(SERVERS, coolDown);
            for (int i = 0; i < SERVERS.size(); i++) {
                balancer.addProcessor(new Server(i));
            }
        }

        List<Integer> next(int count) {
            AsyncProcessor[] processors = balancer.getProcessors().toArray(AsyncProcessor[]::new);
            List<Integer> chosen = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                chosen.add(((Server) balancer.chooseProcessor(processors, null)).index);
            }
            return chosen;
        }
    }

    private static final class Server extends AsyncProcessorSupport {
        private final int index;

        Server(int index) {
            this.index = index;
        }

        @Override
        public boolean process(Exchange exchange, AsyncCallback callback) {
            callback.done(true);
            return true;
        }
    }
}
