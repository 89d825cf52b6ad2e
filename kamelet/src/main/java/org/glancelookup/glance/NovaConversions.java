package org.glancelookup.glance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.glancelookup.lookup.LookupFailure;

/**
 * Nova's {@code _convert_timestamps_to_datetimes} and {@code _convert_from_string}: timestamps become UTC
 * instants ({@code 2012-11-02T17:41:00.500000Z}, as Python's isoformat writes them) and the JSON-string
 * properties {@code block_device_mapping} and {@code mappings} become JSON.
 */
public final class NovaConversions {
    private static final List<String> TIMESTAMPS = List.of("created_at", "updated_at", "deleted_at");
    private static final List<String> JSON_PROPERTIES = List.of("block_device_mapping", "mappings");
    /** The iso8601 library's (1.0.2) grammar behind oslo's parse_isotime, rule for rule. */
    private static final Pattern ISO8601 = Pattern.compile(
            "(?<year>[0-9]{4})"
            + "((-(?<monthdash>[0-9]{1,2})|(?<month>[0-9]{2})(?!$))"
            + "((-(?<daydash>[0-9]{1,2})|(?<day>[0-9]{2}))"
            + "([ T](?<hour>[0-9]{2})(:?(?<minute>[0-9]{2}))?(:?(?<second>[0-9]{1,2})([.,](?<fraction>[0-9]+))?)?"
            + "(?<tz>Z|((?<tzsign>[-+])(?<tzhour>[0-9]{2}):?(?<tzminute>[0-9]{2})?))?"
            + ")?)?)?$", Pattern.UNIX_LINES);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private final ObjectMapper json;

    public NovaConversions(ObjectMapper json) {
        this.json = json;
    }

    public Map<String, Object> convert(Map<String, Object> imageMeta) {
        Map<String, Object> meta = new LinkedHashMap<>(imageMeta);
        for (String attr : TIMESTAMPS) {
            Object value = meta.get(attr);
            if (NovaImageMeta.isTruthy(value)) {
                meta.put(attr, toUtcInstant(attr, value));
            }
        }
        if (meta.get("properties") instanceof Map<?, ?> props && !props.isEmpty()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> properties = new LinkedHashMap<>((Map<String, Object>) props);
            for (String attr : JSON_PROPERTIES) {
                if (properties.get(attr) instanceof String text) {
                    properties.put(attr, parseJson(attr, text));
                }
            }
            meta.put("properties", properties);
        }
        return meta;
    }

    /** oslo's parse_isotime (naive times are UTC), written back as a UTC instant. */
    static String toUtcInstant(String attr, Object value) {
        if (!(value instanceof String text)) {
            throw LookupFailure.invalidResponse("Glance sent a " + attr + " that is not a timestamp.");
        }
        Matcher m = ISO8601.matcher(text);
        if (!m.lookingAt()) { // Python's re.match: anchored at the start, '$' also before a final newline
            throw LookupFailure.invalidResponse("Glance sent an unparseable " + attr + " timestamp.");
        }
        try {
            LocalDate date = LocalDate.of(number(m, "year", 0), number(m, "month", number(m, "monthdash", 1)),
                    number(m, "day", number(m, "daydash", 1)));
            if (date.getYear() < 1) {
                throw new java.time.DateTimeException("year 0 is out of range");
            }
            int nanos = 0;
            if (m.group("fraction") != null) {
                String micros = (m.group("fraction") + "000000").substring(0, 6); // truncated, as Python does
                nanos = Integer.parseInt(micros) * 1000;
            }
            LocalTime time = LocalTime.of(number(m, "hour", 0), number(m, "minute", 0), number(m, "second", 0),
                    nanos);
            ZoneOffset offset = m.group("tzsign") == null ? ZoneOffset.UTC
                    // iso8601 adds hours and minutes as they come: +02:60 is +03:00
                    : ZoneOffset.ofTotalSeconds(sign(m) * 60 * (60 * number(m, "tzhour", 0) + number(m, "tzminute", 0)));
            OffsetDateTime utc = LocalDateTime.of(date, time).atOffset(offset).withOffsetSameInstant(ZoneOffset.UTC);
            String seconds = utc.format(SECONDS);
            int micros = utc.getNano() / 1000;
            return micros == 0 ? seconds + "Z" : seconds + String.format(".%06dZ", micros);
        } catch (java.time.DateTimeException | NumberFormatException e) {
            throw LookupFailure.invalidResponse("Glance sent an unparseable " + attr + " timestamp.");
        }
    }

    private static int number(Matcher m, String group, int otherwise) {
        return m.group(group) == null ? otherwise : Integer.parseInt(m.group(group));
    }

    private static int sign(Matcher m) {
        return "-".equals(m.group("tzsign")) ? -1 : 1;
    }

    private Object parseJson(String attr, String text) {
        try {
            return json.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw LookupFailure.invalidResponse("Glance sent a " + attr + " property that is not JSON.");
        }
    }
}
