package dev.todo.domain.model;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The annotated type may be null; every type of the domain's API that is not annotated never is. It means what
 * JSpecify's {@code @Nullable} means, and null checkers such as NullAway, which recognise any annotation named
 * {@code Nullable}, read it from the jar; it is the domain's own so that the domain keeps having no dependencies.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE_USE)
public @interface Nullable {
}
