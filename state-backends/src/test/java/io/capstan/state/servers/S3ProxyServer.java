package io.capstan.state.servers;

import java.net.URI;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/** s3proxy in this JVM with jclouds' in-memory blob store, on a free loopback port, one bucket. */
public final class S3ProxyServer implements AutoCloseable {
  public static final String ACCESS_KEY = "capstan-access";
  public static final String SECRET_KEY = "capstan-secret";
  public static final String BUCKET = "tfstate";

  private final BlobStoreContext context;
  private final S3Proxy proxy;

  private S3ProxyServer(BlobStoreContext context, S3Proxy proxy) {
    this.context = context;
    this.proxy = proxy;
  }

  public static S3ProxyServer start() {
    // a port found free can be taken (by any process's connection or server) before s3proxy binds
    // it: start again on another, as the etcd clusters do
    for (int attempt = 1; ; attempt++) {
      try {
        return startOn(Ports.free());
      } catch (IllegalStateException e) {
        if (attempt == 3 || !bindFailed(e)) {
          throw e;
        }
      }
    }
  }

  private static boolean bindFailed(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof java.net.BindException || String.valueOf(c.getMessage()).contains("Address already in use")) {
        return true;
      }
    }
    return false;
  }

  private static S3ProxyServer startOn(int port) {
    BlobStoreContext ctx = null;
    S3Proxy proxy = null;
    try {
      ctx = ContextBuilder.newBuilder("transient").credentials("unused", "unused")
          .build(BlobStoreContext.class);
      ctx.getBlobStore().createContainerInLocation(null, BUCKET);
      proxy = S3Proxy.builder().blobStore(ctx.getBlobStore())
          .endpoint(URI.create("http://127.0.0.1:" + port))
          .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
          .ignoreUnknownHeaders(true).build();
      proxy.start();
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (!"STARTED".equals(proxy.getState())) {
        if (System.nanoTime() - deadline > 0) {
          throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
        }
        Thread.sleep(20);
      }
      return new S3ProxyServer(ctx, proxy);
    } catch (Exception e) {
      if (proxy != null) {
        try {
          proxy.stop();
        } catch (Exception ignored) {
          // it did not start
        }
      }
      if (ctx != null) {
        ctx.close();
      }
      throw new IllegalStateException("cannot start s3proxy: " + e.getMessage(), e);
    }
  }

  public String endpoint() {
    return "http://127.0.0.1:" + proxy.getPort();
  }

  @Override
  public void close() {
    try {
      proxy.stop();
    } catch (Exception ignored) {
      // stopping
    }
    context.close();
  }
}
