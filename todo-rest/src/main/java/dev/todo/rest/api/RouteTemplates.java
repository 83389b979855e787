package dev.todo.rest.api;

import java.util.regex.Pattern;

/** Route templates as people write them, for logs and metric labels. */
public final class RouteTemplates {

    private static final Pattern VARIABLE_PATTERN = Pattern.compile("\\{([A-Za-z0-9_]+):[^}]*}");

    private RouteTemplates() {
    }

    /** The same without the patterns of its variables, which only the router needs: {@code /api/v1/todos/{id}}. */
    public static String plain(String routeTemplate) {
        return VARIABLE_PATTERN.matcher(routeTemplate).replaceAll("{$1}");
    }
}
