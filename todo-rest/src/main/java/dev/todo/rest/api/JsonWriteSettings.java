package dev.todo.rest.api;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.serde.jackson.SerdeJacksonConfiguration;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.Map;

/**
 * How every JSON response is written: a character outside the Basic Multilingual Plane (an emoji) as its four UTF-8
 * bytes, not as two {@code \uD83D\uDE00} escapes of six bytes each, which made a list of emoji titles three times
 * its size (issue 14.3, ADR 0028). Everything JSON requires escaping is still escaped. The hand-written
 * {@code TodoJson} writes the same bytes.
 */
@Singleton
final class JsonWriteSettings implements BeanCreatedEventListener<SerdeJacksonConfiguration> {

    @Override
    public SerdeJacksonConfiguration onCreated(BeanCreatedEvent<SerdeJacksonConfiguration> event) {
        SerdeJacksonConfiguration configuration = event.getBean();
        Map<JsonWriteFeature, Boolean> features = new EnumMap<>(JsonWriteFeature.class);
        features.putAll(configuration.getWriteFeatures());
        features.put(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8, true);
        configuration.setWriteFeatures(features);
        return configuration;
    }
}
