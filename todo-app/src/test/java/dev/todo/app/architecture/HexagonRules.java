package dev.todo.app.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import io.micronaut.http.annotation.Controller;
import java.util.List;

/**
 * The hexagon's dependency rules, written once for any root package.
 *
 * <p>The expected layout under the root is {@code domain.model}, {@code domain.port.in}, {@code domain.port.out},
 * {@code domain.service}, the adapters {@code rest}, {@code mcp}, {@code persistence} and {@code memory}, and
 * {@code app}, which wires them.
 * {@code forRoot("dev.todo")} gives the rules for the production code; a fixture root gives the very same rules for
 * a fixture laid out the same way, which is how each rule is shown to be able to fail.
 *
 * <p>Every rule keeps ArchUnit's failure on an empty "should": a rule whose subject matches no class fails rather
 * than passing vacuously.
 */
public final class HexagonRules {

    private final String root;
    private final ArchRule domainDependsOnlyOnJavaAndItself;
    private final ArchRule domainIsFrameworkFree;
    private final ArchRule adaptersAreIndependent;
    private final ArchRule nothingDependsOnApp;
    private final ArchRule restUsesOnlyInPorts;
    private final ArchRule controllersReachDomainOnlyThroughInPorts;
    private final ArchRule domainDependenciesPointInward;
    private final ArchRule persistenceImplementsOnlyOutPorts;
    private final ArchRule memoryAdapterStandsAlone;
    private final ArchRule mcpAdapterStandsBesideRest;
    private final ArchRule mcpUsesOnlyInPorts;
    private final ArchRule mcpMakesNoOutgoingRequest;

    private HexagonRules(String root) {
        this.root = root;
        String domain = pkg("domain..");
        String model = pkg("domain.model..");
        String portIn = pkg("domain.port.in..");
        String portOut = pkg("domain.port.out..");
        String service = pkg("domain.service..");
        String rest = pkg("rest..");
        String persistence = pkg("persistence..");
        String memory = pkg("memory..");
        String mcp = pkg("mcp..");
        String app = pkg("app..");

        // 1. Note that java.sql is part of java..; rule 2 is the one that keeps JDBC out.
        domainDependsOnlyOnJavaAndItself = noClasses()
                .that().resideInAPackage(domain)
                .should().dependOnClassesThat().resideOutsideOfPackages(domain, "java..")
                .because("the domain is a plain Java library that any adapter or application can reuse");

        // 2.
        domainIsFrameworkFree = noClasses()
                .that().resideInAPackage(domain)
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.micronaut..", "jakarta..", "javax..", "java.sql..", "javax.sql..")
                .as("no classes in " + domain + " should use Micronaut (io.micronaut..), Jakarta (jakarta.., javax..)"
                        + " or JDBC (java.sql.., javax.sql..) types")
                .because("frameworks and storage belong to the adapters, which the domain must not know about");

        // 3. Both directions, each with its own subject, so either may fail on its own.
        adaptersAreIndependent = CompositeArchRule
                .of(noClasses().that().resideInAPackage(rest)
                        .should().dependOnClassesThat().resideInAPackage(persistence))
                .and(noClasses().that().resideInAPackage(persistence)
                        .should().dependOnClassesThat().resideInAPackage(rest))
                .because("adapters talk to each other only through the domain's ports, so each can be replaced");

        // 4.
        nothingDependsOnApp = noClasses()
                .that().resideOutsideOfPackage(app)
                .should().dependOnClassesThat().resideInAPackage(app)
                .because("the application only wires the hexagon together; nothing else may need it");

        // 5a. Out-ports are for the adapters the domain drives, the service is reached through the in-ports.
        restUsesOnlyInPorts = noClasses()
                .that().resideInAPackage(rest)
                .should().dependOnClassesThat().resideInAnyPackage(service, portOut)
                .because("the REST adapter reaches the domain's behaviour only through its in-ports");

        // 5b. Also catches controllers placed outside the rest package, and domain packages added later.
        controllersReachDomainOnlyThroughInPorts = noClasses()
                .that().areMetaAnnotatedWith(Controller.class)
                .should().dependOnClassesThat(resideInAPackage(domain).and(not(resideInAnyPackage(portIn, model)))
                        .as("reside in " + domain + " but outside " + portIn + " and " + model))
                .because("controllers call use cases through the in-ports and speak the model, nothing else");

        // 6. model is the innermost ring; ports are contracts the service implements or uses, never the reverse.
        domainDependenciesPointInward = CompositeArchRule
                .of(noClasses().that().resideInAPackage(model)
                        .should().dependOnClassesThat(resideInAPackage(domain).and(not(resideInAPackage(model)))
                                .as("reside in " + domain + " but outside " + model)))
                .and(noClasses().that().resideInAnyPackage(portIn, portOut)
                        .should().dependOnClassesThat().resideInAPackage(service))
                .because("inside the domain, dependencies point inward: service -> ports -> model");

        // 7.
        persistenceImplementsOnlyOutPorts = noClasses()
                .that().resideInAPackage(persistence)
                .should().dependOnClassesThat().resideInAnyPackage(portIn, service)
                .because("the persistence adapter is driven by the domain through the out-ports, never drives it");

        // 8. Both directions, each with its own subject. The in-memory adapter is for services that embed the domain
        //    and for tests; this service runs on its database, so app does not wire it either.
        memoryAdapterStandsAlone = CompositeArchRule
                .of(noClasses().that().resideInAPackage(memory)
                        .should().dependOnClassesThat().resideInAnyPackage(rest, persistence, app))
                .and(noClasses().that().resideInAnyPackage(rest, persistence, app)
                        .should().dependOnClassesThat().resideInAPackage(memory))
                .because("the in-memory adapter needs only the domain, and the service never runs on it");

        // 9. Both directions, each with its own subject. The MCP adapter is a driving adapter beside REST: it needs
        //    neither REST nor storage, and only the application, which wires it, may know it (ADR 0040).
        mcpAdapterStandsBesideRest = CompositeArchRule
                .of(noClasses().that().resideInAPackage(mcp)
                        .should().dependOnClassesThat().resideInAnyPackage(rest, persistence, memory))
                .and(noClasses().that().resideOutsideOfPackages(mcp, app)
                        .should().dependOnClassesThat().resideInAPackage(mcp))
                .because("the MCP adapter reaches the todos through the domain only, and only the application wires "
                        + "it");

        // 10.
        mcpUsesOnlyInPorts = noClasses()
                .that().resideInAPackage(mcp)
                .should().dependOnClassesThat().resideInAnyPackage(service, portOut)
                .because("the MCP adapter reaches the domain's behaviour only through its in-ports, as REST does");

        // 11. The SDK brings HTTP client transports; the server side never uses them, nor any other client.
        mcpMakesNoOutgoingRequest = noClasses()
                .that().resideInAPackage(mcp)
                .should().dependOnClassesThat().resideInAnyPackage("java.net.http..", "io.modelcontextprotocol.client..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.URLConnection")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.HttpURLConnection")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.Socket")
                .because("an MCP server that calls out could pass a caller's token on (token passthrough) or act "
                        + "with authority of its own (confused deputy); the tools act in process, on the in-ports");
    }

    /** The rules for the hexagon whose packages sit under {@code root}, e.g. {@code "dev.todo"}. */
    public static HexagonRules forRoot(String root) {
        return new HexagonRules(root);
    }

    /** The root package the rules were made for. */
    public String root() {
        return root;
    }

    /** Rule 1: the domain depends on nothing but {@code java..} and itself. */
    public ArchRule domainDependsOnlyOnJavaAndItself() {
        return domainDependsOnlyOnJavaAndItself;
    }

    /** Rule 2: no Micronaut, Jakarta or JDBC type in the domain. */
    public ArchRule domainIsFrameworkFree() {
        return domainIsFrameworkFree;
    }

    /** Rule 3: the REST and persistence adapters never depend on each other. */
    public ArchRule adaptersAreIndependent() {
        return adaptersAreIndependent;
    }

    /** Rule 4: no class outside {@code app} depends on {@code app}. */
    public ArchRule nothingDependsOnApp() {
        return nothingDependsOnApp;
    }

    /** Rule 5, first half: the REST adapter never depends on the domain service or the out-ports. */
    public ArchRule restUsesOnlyInPorts() {
        return restUsesOnlyInPorts;
    }

    /** Rule 5, second half: Micronaut controllers reach the domain only through the in-ports and the model. */
    public ArchRule controllersReachDomainOnlyThroughInPorts() {
        return controllersReachDomainOnlyThroughInPorts;
    }

    /** Rule 6: the model depends on no other domain package, and the ports do not depend on the service. */
    public ArchRule domainDependenciesPointInward() {
        return domainDependenciesPointInward;
    }

    /** Rule 7: the persistence adapter never depends on the in-ports or the domain service. */
    public ArchRule persistenceImplementsOnlyOutPorts() {
        return persistenceImplementsOnlyOutPorts;
    }

    /** Rule 8: the in-memory adapter depends on none of rest, persistence and app, and none of them on it. */
    public ArchRule memoryAdapterStandsAlone() {
        return memoryAdapterStandsAlone;
    }

    /** Rule 9: the MCP adapter depends on none of rest, persistence and memory, and nothing but app on it. */
    public ArchRule mcpAdapterStandsBesideRest() {
        return mcpAdapterStandsBesideRest;
    }

    /** Rule 10: the MCP adapter never depends on the domain service or the out-ports. */
    public ArchRule mcpUsesOnlyInPorts() {
        return mcpUsesOnlyInPorts;
    }

    /** Rule 11: the MCP adapter opens no connection: no HTTP client, no socket, none of the SDK's client side. */
    public ArchRule mcpMakesNoOutgoingRequest() {
        return mcpMakesNoOutgoingRequest;
    }

    /** Every rule, in the order above. */
    public List<ArchRule> all() {
        return List.of(domainDependsOnlyOnJavaAndItself, domainIsFrameworkFree, adaptersAreIndependent,
                nothingDependsOnApp, restUsesOnlyInPorts, controllersReachDomainOnlyThroughInPorts,
                domainDependenciesPointInward, persistenceImplementsOnlyOutPorts, memoryAdapterStandsAlone,
                mcpAdapterStandsBesideRest, mcpUsesOnlyInPorts, mcpMakesNoOutgoingRequest);
    }

    private String pkg(String relative) {
        return root + "." + relative;
    }
}
