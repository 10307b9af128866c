package io.capstan.orchestrator.it;

import io.capstan.orchestrator.api.v1.ApiObject;
import io.capstan.orchestrator.api.v1.Check;
import io.capstan.orchestrator.api.v1.Deployment;
import io.capstan.orchestrator.api.v1.DeploymentSpec;
import io.capstan.orchestrator.api.v1.GetRequest;
import io.capstan.orchestrator.api.v1.HttpCheck;
import io.capstan.orchestrator.api.v1.ListRequest;
import io.capstan.orchestrator.api.v1.NamedPort;
import io.capstan.orchestrator.api.v1.ObjectMeta;
import io.capstan.orchestrator.api.v1.ProcessDriver;
import io.capstan.orchestrator.api.v1.RestartPolicy;
import io.capstan.orchestrator.api.v1.RollingUpdate;
import io.capstan.orchestrator.api.v1.Service;
import io.capstan.orchestrator.api.v1.ServicePort;
import io.capstan.orchestrator.api.v1.ServiceSpec;
import io.capstan.orchestrator.api.v1.Template;
import io.capstan.orchestrator.client.Connection;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Objects and helpers the multi-process tests share: a tiny Python HTTP server and plain HTTP/1.0 requests. */
final class Specs {
    /** Answers GET / with $VERSION; GET /healthz with 500 when $SICK is set. */
    static final String HTTP_APP = String.join("\n",
            "import http.server, os",
            "class H(http.server.BaseHTTPRequestHandler):",
            "    def do_GET(self):",
            "        code = 500 if (self.path == '/healthz' and os.environ.get('SICK')) else 200",
            "        body = os.environ.get('VERSION', 'v1').encode()",
            "        self.send_response(code)",
            "        self.send_header('Content-Length', str(len(body)))",
            "        self.end_headers()",
            "        self.wfile.write(body)",
            "    def log_message(self, *a):",
            "        pass",
            "class S(http.server.ThreadingHTTPServer):",
            "    request_queue_size = 128",
            "print('listening on', os.environ['PORT'], flush=True)",
            "S(('', int(os.environ['PORT'])), H).serve_forever()");

    private Specs() {
    }

    static Template.Builder httpTemplate(String app, String version) {
        return Template.newBuilder().putLabels("app", app)
                .setProcess(ProcessDriver.newBuilder().setCommand("python3").addArgs("-c").addArgs(HTTP_APP))
                .putEnv("VERSION", version)
                .addPorts(NamedPort.newBuilder().setName("http"))
                .setReadiness(Check.newBuilder().setHttp(HttpCheck.newBuilder().setPort("http").setPath("/")).setIntervalMs(500))
                .setRestart(RestartPolicy.newBuilder().setInitialBackoffMs(200).setMaxBackoffMs(2000))
                .setTerminationGraceMs(2000);
    }

    static ApiObject deployment(String name, int replicas, Template.Builder t, RollingUpdate.Builder strategy) {
        DeploymentSpec.Builder spec = DeploymentSpec.newBuilder().setReplicas(replicas).putSelector("app", t.getLabelsOrThrow("app"))
                .setTemplate(t);
        if (strategy != null) {
            spec.setStrategy(strategy);
        }
        return ApiObject.newBuilder().setKind("Deployment").setMetadata(ObjectMeta.newBuilder().setName(name).setNamespace("default"))
                .setDeployment(Deployment.newBuilder().setSpec(spec)).build();
    }

    static ApiObject service(String name, String app, int port) {
        return ApiObject.newBuilder().setKind("Service").setMetadata(ObjectMeta.newBuilder().setName(name).setNamespace("default"))
                .setService(Service.newBuilder().setSpec(ServiceSpec.newBuilder().putSelector("app", app)
                        .addPorts(ServicePort.newBuilder().setName("http").setPort(port).setTargetPort("http"))))
                .build();
    }

    static List<ApiObject> instances(Connection c, String deployment) {
        return c.blocking().list(ListRequest.newBuilder().setKind("Instance").setNamespace("default").build()).getItemsList()
                .stream().filter(i -> i.getInstance().getSpec().getDeployment().equals(deployment)).toList();
    }

    static ApiObject get(Connection c, String kind, String name) {
        return c.blocking().get(GetRequest.newBuilder().setKind(kind).setNamespace("default").setName(name).build());
    }

    /** One HTTP/1.0 GET on a new connection; returns the body, or throws. */
    static String httpGet(String host, int port) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 2000);
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(("GET / HTTP/1.0\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            in.transferTo(buf);
            String resp = buf.toString(StandardCharsets.US_ASCII);
            if (!resp.startsWith("HTTP/1.0 200") && !resp.startsWith("HTTP/1.1 200")) {
                throw new IllegalStateException("bad response: " + (resp.isEmpty() ? "<empty>" : resp.lines().findFirst().orElse("")));
            }
            return resp.substring(resp.indexOf("\r\n\r\n") + 4);
        }
    }
}
