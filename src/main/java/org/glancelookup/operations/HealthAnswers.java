package org.glancelookup.operations;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;

/** The liveness and readiness answers of /health/live and /health/ready: 200 when all checks are UP, else 503. */
public class HealthAnswers {

    public Map<String, Object> live(Exchange exchange) {
        return answer(exchange, HealthCheckHelper.invokeLiveness(exchange.getContext()));
    }

    public Map<String, Object> ready(Exchange exchange) {
        return answer(exchange, HealthCheckHelper.invokeReadiness(exchange.getContext()));
    }

    private static Map<String, Object> answer(Exchange exchange, Collection<HealthCheck.Result> results) {
        boolean up = results.stream().allMatch(r -> r.getState() == HealthCheck.State.UP);
        Map<String, Object> checks = new LinkedHashMap<>();
        for (HealthCheck.Result result : results) {
            checks.put(result.getCheck().getId(), result.getState().name()
                    + result.getMessage().map(m -> ": " + m).orElse(""));
        }
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, up ? 200 : 503);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", up ? "UP" : "DOWN");
        answer.put("checks", checks);
        return answer;
    }
}
