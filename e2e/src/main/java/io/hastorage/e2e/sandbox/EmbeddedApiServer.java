package io.hastorage.e2e.sandbox;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.stream.Stream;

/**
 * An in-process Kubernetes API: fabric8's mock server in CRUD mode. It stores and serves objects
 * and watches, but enforces no schema, which is exactly why the operator validates specs in code.
 */
public final class EmbeddedApiServer implements AutoCloseable {

  private final KubernetesMockServer server;
  private final KubernetesClient client;

  private EmbeddedApiServer(KubernetesMockServer server) {
    this.server = server;
    this.client = server.createClient();
  }

  public static EmbeddedApiServer start() {
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            false);
    server.init();
    return new EmbeddedApiServer(server);
  }

  public KubernetesClient client() {
    return client;
  }

  public String url() {
    return client.getMasterUrl().toString();
  }

  /** Creates the committed CRDs, as `kubectl apply -f crds/` would. */
  public void installCrds(Path crdDirectory) throws IOException {
    try (Stream<Path> files = Files.list(crdDirectory)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          CustomResourceDefinition crd =
              client.apiextensions().v1().customResourceDefinitions().load(in).item();
          client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
        }
      }
    }
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
