package dev.todo.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The deployment files as a cluster, Compose or Docker would read them: deploy/kubernetes/ (each object has what its
 * kind requires, the Deployment selects its own pods, runs the image the build makes as its non-root user with
 * limits, and probes paths the running service answers 200), compose.yaml and the Dockerfile. Every environment
 * variable they set is one the service reads: a misspelt name would be silently ignored.
 */
class DeploymentFilesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final int IMAGE_USER = 10001;

    private static String image;
    private static Set<String> variablesTheServiceReads;

    @BeforeAll
    static void readTheBuild() throws IOException {
        String parent = Files.readString(ROOT.resolve("pom.xml"));
        Matcher version = Pattern.compile("<artifactId>todo-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(parent);
        assertThat(version.find()).isTrue();
        String imagePom = Files.readString(ROOT.resolve("todo-image/pom.xml"));
        Matcher name = Pattern.compile("<image.name>([^<]+)</image.name>").matcher(imagePom);
        assertThat(name.find()).isTrue();
        assertThat(imagePom).contains("<image>${image.name}:${project.version}</image>",
                "<user>" + IMAGE_USER + ":" + IMAGE_USER + "</user>", "<port>8080</port>",
                "<arg>/opt/todo/bin/todo</arg>");
        image = name.group(1) + ":" + version.group(1);

        // TODO_* names in the service's code, configuration and logging; PORT and JAVA_OPTS (bin/todo).
        variablesTheServiceReads = new TreeSet<>(List.of("PORT", "MICRONAUT_SERVER_PORT", "JAVA_OPTS"));
        Pattern variable = Pattern.compile("\\bTODO_[A-Z_]+[A-Z]\\b");
        try (Stream<Path> files = Files.walk(ROOT.resolve("todo-app/src/main"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Matcher m = variable.matcher(Files.readString(file));
                while (m.find()) {
                    variablesTheServiceReads.add(m.group());
                }
            }
        }
        assertThat(variablesTheServiceReads).contains("TODO_DATABASE_URL", "TODO_AUTH_JWT_SECRET",
                "TODO_LOG_FORMAT", "TODO_SHUTDOWN_GRACE");
    }

    @Test
    void theKubernetesManifestsAreCompleteAndConsistent() throws Exception {
        List<Map<String, Object>> objects = kubernetesObjects();
        assertThat(objects).extracting(o -> o.get("kind")).containsExactlyInAnyOrder("Deployment", "Service",
                "Secret");
        for (Map<String, Object> object : objects) {
            assertThat(object.get("apiVersion")).as("apiVersion of %s", object.get("kind"))
                    .isEqualTo(object.get("kind").equals("Deployment") ? "apps/v1" : "v1");
            assertThat(string(map(object, "metadata"), "name")).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
        }
        Map<String, Object> deployment = kind(objects, "Deployment");
        Map<String, Object> spec = map(deployment, "spec");
        Map<String, Object> selector = map(map(spec, "selector"), "matchLabels");
        Map<String, Object> template = map(spec, "template");
        assertThat(map(map(template, "metadata"), "labels")).containsAllEntriesOf(selector);
        Map<String, Object> pod = map(template, "spec");
        Map<String, Object> podSecurity = map(pod, "securityContext");
        assertThat(podSecurity).containsEntry("runAsNonRoot", true).containsEntry("runAsUser", IMAGE_USER);

        List<Map<String, Object>> containers = list(pod, "containers");
        assertThat(containers).hasSize(1);
        Map<String, Object> container = containers.get(0);
        assertThat(container.get("image")).as("the image the build makes").isEqualTo(image);
        assertThat(list(container, "ports")).containsExactly(Map.<String, Object>of("name", "http", "containerPort", 8080));
        Map<String, Object> security = map(container, "securityContext");
        assertThat(security).containsEntry("allowPrivilegeEscalation", false)
                .containsEntry("readOnlyRootFilesystem", true);
        assertThat(map(security, "capabilities")).containsEntry("drop", List.of("ALL"));
        Map<String, Object> resources = map(container, "resources");
        assertThat(map(resources, "limits")).containsKeys("cpu", "memory");
        assertThat(map(resources, "requests")).containsKeys("cpu", "memory");

        // Probes: on the named port, on paths the service answers 200 (it runs here on its test database).
        Api api = TestApp.api();
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            Map<String, Object> httpGet = map(map(container, probe), "httpGet");
            assertThat(httpGet.get("port")).as(probe).isEqualTo("http");
            String path = string(httpGet, "path");
            assertThat(path).as(probe).startsWith("/health");
            assertThat(api.get(path).send().status()).as("GET %s (%s)", path, probe).isEqualTo(200);
        }

        // Environment: names the service reads; the Secret it takes them from exists and holds only such names.
        for (Map<String, Object> env : list(container, "env")) {
            assertThat(variablesTheServiceReads).as("variables the service reads").contains(string(env, "name"));
        }
        Map<String, Object> secret = kind(objects, "Secret");
        assertThat(list(container, "envFrom")).containsExactly(
                Map.<String, Object>of("secretRef", Map.of("name", string(map(secret, "metadata"), "name"))));
        assertThat(variablesTheServiceReads).as("variables the service reads")
                .containsAll(map(secret, "stringData").keySet());
        assertThat(map(secret, "stringData")).containsKey("TODO_DATABASE_URL");

        // The Service sends to the pods' named port.
        Map<String, Object> serviceSpec = map(kind(objects, "Service"), "spec");
        assertThat(map(serviceSpec, "selector")).isEqualTo(selector);
        assertThat(list(serviceSpec, "ports")).singleElement()
                .satisfies(port -> assertThat(port.get("targetPort")).isEqualTo("http"));
    }

    /**
     * The JVM's defaults are one file (scripts/jvm-defaults) that bin/todo is written from, the AOT cache is trained
     * with (through bin/todo) and the benchmark starts the service with; the image sets its environment variables
     * too; and the Kubernetes Deployment, whose limit is larger, raises the heap with an -Xmx of its own (a
     * percentage of the machine would not override the default's -Xmx).
     */
    @Test
    void theJvmDefaultsAreOneFileThatTheLauncherTheTrainingAndTheBenchmarkRead() throws Exception {
        List<String> lines = Files.readAllLines(ROOT.resolve("scripts/jvm-defaults")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        assertThat(lines).allMatch(line -> line.matches("-[A-Za-z:+=0-9]+|[A-Z_][A-Z0-9_]*=\\S+"));
        assertThat(lines).contains("-XX:+UseSerialGC", "MALLOC_ARENA_MAX=2").anyMatch(line -> line.startsWith("-Xmx"));

        String dist = Files.readString(ROOT.resolve("scripts/dist.sh"));
        assertThat(dist).contains("\"$root/scripts/jvm-defaults\"", "defaults=\"@DEFAULTS@\"")
                .doesNotContain("-XX:+UseSerialGC");
        String training = Files.readString(ROOT.resolve("scripts/aot-train.sh"));
        assertThat(training).contains("\"$home/bin/todo\"").doesNotContain("runtime/bin/java\" \\");
        String bench = Files.readString(ROOT.resolve("bench/run.sh"));
        assertThat(bench).contains("\"$root/scripts/jvm-defaults\"",
                "\"$java\" \"${ours_jvm[@]}\" ${OURS_JAVA_OPTS:-} \"$@\" -jar \"$jar\"");

        String imagePom = Files.readString(ROOT.resolve("todo-image/pom.xml"));
        for (String line : lines) {
            if (!line.startsWith("-")) {
                String name = line.substring(0, line.indexOf('='));
                assertThat(imagePom).contains("<" + name + ">" + line.substring(name.length() + 1) + "</" + name + ">");
            }
        }

        Map<String, Object> container = list(map(map(map(kind(kubernetesObjects(), "Deployment"), "spec"),
                "template"), "spec"), "containers").get(0);
        String javaOpts = list(container, "env").stream().filter(env -> "JAVA_OPTS".equals(env.get("name")))
                .map(env -> string(env, "value")).findFirst().orElseThrow();
        Matcher heap = Pattern.compile("-Xmx(\\d+)m").matcher(javaOpts);
        assertThat(heap.find()).as("JAVA_OPTS %s sets -Xmx in MiB", javaOpts).isTrue();
        Matcher limit = Pattern.compile("(\\d+)Mi").matcher(string(map(map(container, "resources"), "limits"),
                "memory"));
        assertThat(limit.matches()).isTrue();
        assertThat(Integer.parseInt(heap.group(1))).isLessThanOrEqualTo(Integer.parseInt(limit.group(1)) / 2);
        assertThat(javaOpts).doesNotContain("RAMPercentage");
    }

    @Test
    void composeRunsTheImageOnItsPostgresAsAPlainRole() throws Exception {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("compose.yaml")));
        Map<String, Object> services = map(compose, "services");
        assertThat(services).containsOnlyKeys("todo", "postgres");
        Map<String, Object> todo = map(services, "todo");
        assertThat(todo.get("image")).isEqualTo(image);
        assertThat(todo.get("build")).isEqualTo(".");
        assertThat(map(map(todo, "depends_on"), "postgres")).containsEntry("condition", "service_healthy");
        assertThat(values(todo, "ports")).containsExactly("8080:8080");
        Map<String, Object> environment = map(todo, "environment");
        assertThat(variablesTheServiceReads).containsAll(environment.keySet());
        assertThat(string(environment, "TODO_DATABASE_URL"))
                .startsWith("postgresql://todo_app:").contains("@postgres:5432/todo");
        assertThat(map(todo, "healthcheck").get("test")).isEqualTo(List.of("CMD", "/opt/todo/bin/todo", "health"));

        Map<String, Object> postgres = map(services, "postgres");
        assertThat(map(postgres, "healthcheck")).containsKey("test");
        assertThat(map(postgres, "environment")).containsEntry("POSTGRES_DB", "todo");
        String init = values(postgres, "volumes").stream().map(String::valueOf)
                .filter(v -> v.contains("docker-entrypoint-initdb.d")).findFirst().orElseThrow();
        Path script = ROOT.resolve(init.substring(0, init.indexOf(':')));
        assertThat(Files.readString(script)).contains("CREATE ROLE todo_app", "NOSUPERUSER NOBYPASSRLS");
        assertThat(Files.isExecutable(script)).isTrue();
    }

    @Test
    void theDockerfileBuildsTheArchiveAndRunsItAsItsOwnUserWithAHealthCheck() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("Dockerfile")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        List<String> stages = lines.stream().filter(l -> l.startsWith("FROM ")).toList();
        assertThat(stages).hasSize(2);
        assertThat(stages.get(0)).matches("FROM eclipse-temurin:25-jdk AS build");
        List<String> last = lines.subList(lines.indexOf(stages.get(1)), lines.size());
        assertThat(last).contains("USER " + IMAGE_USER + ":" + IMAGE_USER, "EXPOSE 8080", "VOLUME /data",
                "ENTRYPOINT [\"/opt/todo/bin/todo\"]");
        assertThat(last).anyMatch(l -> l.startsWith("HEALTHCHECK ") && l.endsWith("CMD [\"/opt/todo/bin/todo\", "
                + "\"health\"]"));
        assertThat(last).anyMatch(l -> l.contains("useradd --uid " + IMAGE_USER));
        assertThat(String.join("\n", lines)).contains("-Pdist", "test -s /opt/todo/todo.aot");
    }

    private static List<Map<String, Object>> kubernetesObjects() throws IOException {
        List<Map<String, Object>> objects = new ArrayList<>();
        try (Stream<Path> files = Files.list(ROOT.resolve("deploy/kubernetes"))) {
            for (Path file : files.sorted().toList()) {
                assertThat(file.getFileName().toString()).endsWith(".yaml");
                for (Object document : new Yaml().loadAll(read(file))) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> object = (Map<String, Object>) document;
                    objects.add(object);
                }
            }
        }
        return objects;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> kind(List<Map<String, Object>> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        assertThat(parent).as("has %s", key).containsKey(key);
        return (Map<String, Object>) parent.get(key);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
        assertThat(parent).as("has %s", key).containsKey(key);
        return (List<Map<String, Object>>) parent.get(key);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> values(Map<String, Object> parent, String key) {
        assertThat(parent).as("has %s", key).containsKey(key);
        return (List<Object>) parent.get(key);
    }

    private static String string(Map<String, Object> parent, String key) {
        assertThat(parent).as("has %s", key).containsKey(key);
        return String.valueOf(parent.get(key));
    }
}
