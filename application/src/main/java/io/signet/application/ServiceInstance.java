package io.signet.application;

/**
 * This running instance of Signet: a random id per process (it names service-key claims and appears
 * in attestation reports), and the build it runs (version and source commit).
 */
public record ServiceInstance(String id, String version, String commit) {
  public ServiceInstance {
    if (id == null || id.isBlank() || version == null || commit == null) {
      throw new IllegalArgumentException("instance id, version and commit are required");
    }
  }
}
