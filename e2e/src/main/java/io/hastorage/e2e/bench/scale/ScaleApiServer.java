package io.hastorage.e2e.bench.scale;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The same in-process Kubernetes API as the sandbox's {@code EmbeddedApiServer} (fabric8's mock
 * server in CRUD mode, the committed CRDs installed), with three changes for measuring at scale:
 *
 * <ul>
 *   <li>every request is counted by verb and resource ({@link #requestCounts()}), so API load per
 *       reconcile can be reported;
 *   <li>the mock server's record of every request it received (kept for {@code takeRequest()},
 *       bodies included, never freed) is drained as it fills, so it does not count as heap;
 *   <li>unless {@code storeEvents}, Events are answered 201 and not stored. The mock server scans
 *       every stored object on every request (a real API server looks objects up by key), and the
 *       operator records thousands of Events on the way to Ready, so stored Events would slow every
 *       later request of the run - a cost of the mock, not of the operator.
 * </ul>
 */
final class ScaleApiServer implements AutoCloseable {

  private static final Pattern EVENTS = Pattern.compile("^/api/v1/namespaces/[^/]+/events$");

  /** /api/v1/... or /apis/GROUP/VERSION/..., then namespaces/NS/ or not, PLURAL[/NAME[/SUB]]. */
  private static final Pattern RESOURCE_PATH =
      Pattern.compile(
          "^/(?:api/[^/]+|apis/[^/]+/[^/]+)(?:/namespaces/[^/]+)?/([^/]+)(?:/([^/]+)(?:/([^/]+))?)?$");

  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private final Map<String, LongAdder> counts;
  private final Thread drainer;

  private ScaleApiServer(
      KubernetesMockServer server, MockWebServer web, Map<String, LongAdder> counts) {
    this.server = server;
    this.client = server.createClient();
    this.counts = counts;
    this.drainer =
        new Thread(
            () -> {
              try {
                while (!Thread.currentThread().isInterrupted()) {
                  web.takeRequest();
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "scale-api-request-drainer");
    drainer.setDaemon(true);
    drainer.start();
  }

  static ScaleApiServer start(boolean storeEvents) {
    Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    MockWebServer web = new MockWebServer();
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(), web, new HashMap<>(), new Dispatcher(counts, storeEvents), false);
    server.init();
    return new ScaleApiServer(server, web, counts);
  }

  KubernetesClient client() {
    return client;
  }

  /** Creates the committed CRDs, as `kubectl apply -f crds/` would. */
  void installCrds(Path crdDirectory) throws IOException {
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

  /** Requests received so far by kind of request (e.g. {@code GET secrets}), sorted by key. */
  Map<String, Long> requestCounts() {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  /**
   * What a request does: {@code VERB resource[/subresource]}, with GET split into GET (one object),
   * LIST and WATCH; e.g. {@code GET secrets}, {@code LIST ocfs2mounts}, {@code PATCH
   * drbdvolumes/status}, {@code POST events}.
   */
  static String classify(String method, String pathAndQuery) {
    int q = pathAndQuery.indexOf('?');
    String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
    Matcher m = RESOURCE_PATH.matcher(path);
    if (!m.matches()) {
      return method + " " + path;
    }
    String resource = m.group(1);
    boolean named = m.group(2) != null;
    String verb = method;
    if ("GET".equals(method)) {
      if (query.matches("(^|.*&)watch=(true|1)(&.*|$)")) {
        verb = "WATCH";
      } else if (!named) {
        verb = "LIST";
      }
    }
    return verb + " " + resource + (m.group(3) != null ? "/" + m.group(3) : "");
  }

  @Override
  public void close() {
    drainer.interrupt();
    client.close();
    server.destroy();
  }

  /** The CRUD dispatcher, counting every request and optionally not storing Events. */
  private static final class Dispatcher extends KubernetesCrudDispatcher {

    private final Map<String, LongAdder> counts;
    private final boolean storeEvents;

    Dispatcher(Map<String, LongAdder> counts, boolean storeEvents) {
      this.counts = counts;
      this.storeEvents = storeEvents;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      counts
          .computeIfAbsent(classify(request.getMethod(), request.getPath()), k -> new LongAdder())
          .increment();
      if (!storeEvents
          && "POST".equals(request.getMethod())
          && EVENTS.matcher(stripQuery(request.getPath())).matches()) {
        return new MockResponse().setResponseCode(201).setBody(request.getUtf8Body());
      }
      return super.dispatch(request);
    }

    private static String stripQuery(String path) {
      int q = path.indexOf('?');
      return q < 0 ? path : path.substring(0, q);
    }
  }
}
