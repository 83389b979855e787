package dev.todo.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What a browser test needs, found on the machine or installed into it: a headless Chromium (Debian's {@code chromium}
 * package, installed with apt-get when missing and the tests run as root), Node.js, and playwright-core from the npm
 * registry, installed under {@code target/browser}. Whatever cannot be had is an {@link AssertionError} that says how
 * to provide it: a browser test never skips.
 */
final class Browser {

    /** The playwright-core release the script runs with; it drives the system's Chromium, it downloads no browser. */
    static final String PLAYWRIGHT_CORE = "playwright-core@1.65.1";
    /** Where the test's own files go: playwright-core, the install logs, the screenshot. */
    static final Path DIR = Path.of("target", "browser").toAbsolutePath();

    private static final List<String> CHROMIUM_PATHS =
            List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");

    private Browser() {
    }

    /** @return Chromium's executable: $CHROMIUM, else a system one, else Debian's package installed now */
    static Path chromium() {
        String configured = System.getenv("CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            if (!Files.isExecutable(path)) {
                throw new AssertionError("CHROMIUM is set to " + configured + ", which is not an executable file");
            }
            return path;
        }
        Optional<Path> found = systemChromium();
        if (found.isPresent()) {
            return found.get();
        }
        aptInstall("chromium");
        return systemChromium().orElseThrow(() -> new AssertionError(
                "apt-get installed chromium, but none of " + CHROMIUM_PATHS + " is there; set CHROMIUM to its path"));
    }

    /** @return the node command, installing Debian's nodejs and npm if there is none */
    static String node() {
        if (!onPath("node") || !onPath("npm")) {
            aptInstall("nodejs", "npm");
        }
        return "node";
    }

    /** @return the node_modules folder that holds playwright-core, installed there from the npm registry if missing */
    static Path playwrightCore() {
        return npmPackage(PLAYWRIGHT_CORE, DIR);
    }

    /**
     * Installs one npm package at an exact version ({@code name@version}) under {@code dir}, unless that version is
     * there already, with npm (installing Debian's nodejs and npm first if there is none).
     *
     * @return the node_modules folder that holds it
     * @throws AssertionError if npm is missing and cannot be installed, or cannot install the package
     */
    static Path npmPackage(String spec, Path dir) {
        int at = spec.lastIndexOf('@');
        String name = spec.substring(0, at);
        String wanted = spec.substring(at + 1);
        Path modules = dir.resolve("node_modules");
        Path version = modules.resolve(name).resolve("package.json");
        try {
            if (Files.exists(version) && Files.readString(version).contains("\"version\": \"" + wanted + "\"")) {
                return modules;
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new AssertionError("cannot read or create " + dir, e);
        }
        node();
        // --prefer-offline: a machine that installed it once needs no registry for it again.
        Result npm = run(List.of("npm", "install", "--prefix", dir.toString(), "--no-save", "--no-package-lock",
                "--no-audit", "--no-fund", "--prefer-offline", spec), Map.of(), dir.resolve("npm.log"), 600);
        if (npm.exit() != 0 || !Files.exists(version)) {
            throw new AssertionError("npm could not install " + spec + " into " + dir + " (exit "
                    + npm.exit() + "); it needs the npm registry once:\n" + npm.output());
        }
        return modules;
    }

    /** What a command printed (stdout and stderr together) and how it ended. */
    record Result(int exit, String output) {
    }

    /**
     * Runs a command to its end, its output kept in {@code log}.
     *
     * @throws AssertionError if it cannot start or runs past {@code timeoutSeconds}
     */
    static Result run(List<String> command, Map<String, String> environment, Path log, long timeoutSeconds) {
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null")
                            .toFile()));
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(String.join(" ", command) + " ran past " + timeoutSeconds + " s:\n"
                        + Files.readString(log));
            }
            return new Result(process.exitValue(), Files.readString(log));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + String.join(" ", command), e);
        }
    }

    private static Optional<Path> systemChromium() {
        return CHROMIUM_PATHS.stream().map(Path::of).filter(Files::isExecutable).findFirst();
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator, -1)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    /** Installs Debian packages, refreshing the package lists first if the install fails without them. */
    private static void aptInstall(String... packages) {
        String what = String.join(" ", packages);
        String how = "install " + what + " (Debian/Ubuntu: apt-get install " + what + ")"
                + (what.contains("chromium") ? " or set CHROMIUM to a Chromium or Chrome executable" : "");
        if (!onPath("apt-get")) {
            throw new AssertionError("The browser test needs " + what + ", which is missing, and there is no apt-get "
                    + "to install it: " + how);
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        List<String> sudo = root ? List.of() : List.of("sudo", "-n");
        if (!root && !onPath("sudo")) {
            throw new AssertionError("The browser test needs " + what + ", which is missing, and installing it needs "
                    + "root: " + how);
        }
        Map<String, String> env = Map.of("DEBIAN_FRONTEND", "noninteractive");
        List<String> install = new ArrayList<>(sudo);
        install.addAll(List.of("apt-get", "-o", "DPkg::Lock::Timeout=300", "install", "-y", "-q",
                "--no-install-recommends"));
        install.addAll(List.of(packages));
        Result first = run(install, env, DIR.resolve("apt-install.log"), 900);
        if (first.exit() == 0) {
            return;
        }
        List<String> update = new ArrayList<>(sudo);
        update.addAll(List.of("apt-get", "-o", "DPkg::Lock::Timeout=300", "update", "-q"));
        run(update, env, DIR.resolve("apt-update.log"), 600);
        Result second = run(install, env, DIR.resolve("apt-install.log"), 900);
        if (second.exit() != 0) {
            throw new AssertionError("The browser test needs " + what + ", and apt-get could not install it (exit "
                    + second.exit() + "): " + how + "\n" + second.output());
        }
    }
}
