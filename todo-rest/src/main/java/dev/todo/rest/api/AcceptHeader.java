package dev.todo.rest.api;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpHeaders;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.annotation.PreMatching;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * Reads {@code Accept} as RFC 9110 section 12.5.1 says ({@code q=0} refuses; the most specific range decides) before
 * the route is chosen: JSON is served when {@code application/json} is acceptable, or when only
 * {@code application/problem+json} is and JSON is not refused; otherwise the framework answers 406 (docs/adr/0026).
 */
@ServerFilter("/api/**")
final class AcceptHeader {

    /** No route produces this: the framework answers 406 NOT_ACCEPTABLE. */
    static final String NOTHING_ACCEPTABLE = "application/x-todo-not-acceptable";

    private static final Pattern QUALITY = Pattern.compile("0(\\.[0-9]{0,3})?|1(\\.0{0,3})?");

    @PreMatching
    @RequestFilter
    void negotiate(HttpRequest<?> request) {
        List<String> values = request.getHeaders().getAll(HttpHeaders.ACCEPT);
        if (values.isEmpty() || !(request.getHeaders() instanceof MutableHttpHeaders headers)) {
            return;
        }
        List<Range> ranges;
        try {
            ranges = values.stream().flatMap(value -> Arrays.stream(value.split(",", -1)))
                    .filter(item -> !item.isBlank()).map(Range::parse).toList();
        } catch (IllegalArgumentException e) {
            return; // the framework judges a header it cannot read, as before
        }
        if (ranges.isEmpty()) {
            return;
        }
        OptionalDouble json = quality(ranges, "application", "json");
        OptionalDouble problem = quality(ranges, "application", "problem+json");
        boolean acceptable = json.isPresent() ? json.getAsDouble() > 0
                : problem.isPresent() && problem.getAsDouble() > 0;
        headers.set(HttpHeaders.ACCEPT, acceptable ? MediaType.APPLICATION_JSON : NOTHING_ACCEPTABLE);
    }

    /** The quality the most specific matching range gives the type, or empty when no range matches it. */
    private static OptionalDouble quality(List<Range> ranges, String type, String subtype) {
        int best = 0;
        double quality = 0;
        for (Range range : ranges) {
            int specificity = range.match(type, subtype);
            if (specificity > best) {
                best = specificity;
                quality = range.quality();
            } else if (specificity == best && specificity > 0) {
                quality = Math.max(quality, range.quality());
            }
        }
        return best == 0 ? OptionalDouble.empty() : OptionalDouble.of(quality);
    }

    /** One media range of an Accept header, with its quality. */
    private record Range(String type, String subtype, double quality) {

        static Range parse(String item) {
            String[] parts = item.split(";", -1);
            String[] name = parts[0].strip().toLowerCase(Locale.ROOT).split("/", -1);
            if (name.length != 2 || name[0].isEmpty() || name[1].isEmpty()) {
                throw new IllegalArgumentException("not a media range: " + item);
            }
            double quality = 1;
            for (int i = 1; i < parts.length; i++) {
                String[] parameter = parts[i].strip().split("=", 2);
                if (parameter.length == 2 && parameter[0].strip().equalsIgnoreCase("q")) {
                    String value = parameter[1].strip();
                    if (!QUALITY.matcher(value).matches()) {
                        throw new IllegalArgumentException("not a quality: " + value);
                    }
                    quality = Double.parseDouble(value);
                }
            }
            return new Range(name[0], name[1], quality);
        }

        /** 3 for the exact type, 2 for {@code type/*}, 1 for {@code *}{@code /*}, 0 when it does not match. */
        int match(String wantedType, String wantedSubtype) {
            if (type.equals("*")) {
                return subtype.equals("*") ? 1 : 0;
            }
            if (!type.equals(wantedType)) {
                return 0;
            }
            if (subtype.equals("*")) {
                return 2;
            }
            return subtype.equals(wantedSubtype) ? 3 : 0;
        }
    }
}
