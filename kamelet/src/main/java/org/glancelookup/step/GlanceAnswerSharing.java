package org.glancelookup.step;

import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.glancelookup.glance.GlanceAnswer;
import org.glancelookup.glance.GlanceAnswerCache;
import org.glancelookup.lookup.LookupRequest;
import org.glancelookup.lookup.LookupVariables;

/**
 * The lookup route's side of {@link GlanceAnswerCache}: a cached answer becomes the Glance answer; a lookup that
 * leads the call for its image shares the answer it gets, and when it ends without one (any failure, answered or
 * rolled back) the lookups waiting for it are let go to ask Glance themselves.
 */
public class GlanceAnswerSharing {
    private final GlanceAnswerCache cache;

    public GlanceAnswerSharing(GlanceAnswerCache cache) {
        this.cache = cache;
    }

    /** The cached answer for the lookup's uuid becomes its glanceAnswer variable; none when it asks Glance. */
    public void takeCachedAnswer(Exchange exchange) throws InterruptedException {
        LookupRequest request = exchange.getVariable(LookupVariables.REQUEST, LookupRequest.class);
        GlanceAnswerCache.Turn turn = cache.turn(exchange.getVariable(LookupVariables.UUID, String.class), request.context());
        exchange.setVariable(LookupVariables.GLANCE_CACHED, turn instanceof GlanceAnswerCache.Cached);
        if (turn instanceof GlanceAnswerCache.Cached cached) {
            exchange.setVariable(LookupVariables.GLANCE_ANSWER, cached.answer());
            return;
        }
        if (turn instanceof GlanceAnswerCache.Lead lead) {
            exchange.setVariable(LookupVariables.GLANCE_LEAD, lead);
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange done) {
                    lead.abandon(); // nothing happens if the answer was shared already
                }
            });
        }
    }

    /** The lead's answer arrived: the waiting lookups and the cache get it. */
    public void share(Exchange exchange) {
        GlanceAnswerCache.Lead lead = exchange.getVariable(LookupVariables.GLANCE_LEAD,
                GlanceAnswerCache.Lead.class);
        if (lead != null) {
            lead.share(exchange.getMessage().getBody(GlanceAnswer.class));
        }
    }
}
