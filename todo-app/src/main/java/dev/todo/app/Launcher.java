package dev.todo.app;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The jar's Main-Class, compiled for Java 8 so that an older Java says in one line that todo needs Java 25; on 25 or
 * newer it hands over to {@code TodoApplication.main}, named by a string only (docs/adr/0031). For {@code todo mcp},
 * whose standard output is the protocol's, it first sends the log to standard error: Logback reads where to write when
 * it starts, which is when {@code TodoApplication} is loaded.
 */
public final class Launcher {

    /** The oldest Java the service runs on. */
    static final int REQUIRED_JAVA = 25;

    private Launcher() {
    }

    /** Checks the Java version, then hands the arguments to {@code TodoApplication.main}. */
    public static void main(String[] args) throws Throwable {
        if (args.length > 0 && "mcp".equals(args[0])) {
            // logback.xml's console appenders write to ${todo.log.target}, System.out unless set (McpCommand).
            System.setProperty("todo.log.target", "System.err");
        }
        String version = System.getProperty("java.specification.version", "0");
        if (feature(version) < REQUIRED_JAVA) {
            System.err.println("todo needs Java " + REQUIRED_JAVA + " or newer; this is Java " + version + " at "
                    + System.getProperty("java.home", "an unknown place") + ". Put a Java " + REQUIRED_JAVA
                    + " first on the PATH (or run its bin/java), or use the distribution archive, which brings its"
                    + " own runtime.");
            System.exit(1);
            return;
        }
        MethodHandle main = MethodHandles.publicLookup().findStatic(Class.forName("dev.todo.app.TodoApplication"),
                "main", MethodType.methodType(void.class, String[].class));
        main.invokeExact(args);
    }

    /** 8 for "1.8", 17 for "17", 0 for anything unreadable. */
    static int feature(String specificationVersion) {
        String v = specificationVersion.startsWith("1.") ? specificationVersion.substring(2) : specificationVersion;
        int end = 0;
        while (end < v.length() && Character.isDigit(v.charAt(end))) {
            end++;
        }
        return end == 0 || end > 9 ? 0 : Integer.parseInt(v.substring(0, end));
    }
}
