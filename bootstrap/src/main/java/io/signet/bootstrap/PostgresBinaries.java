package io.signet.bootstrap;

import io.signet.domain.Bytes;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.util.ArchUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The PostgreSQL server binaries shipped in io.zonky's binaries jar, unpacked once into a directory
 * named after the archive's digest (a new binaries version unpacks beside the old one). Signet runs
 * them itself rather than through zonky's launcher, so that it chooses the server's configuration,
 * authentication and environment and can supervise the process.
 */
final class PostgresBinaries {
  private static final String COMPLETE = ".complete";

  private PostgresBinaries() {}

  /** Returns the directory holding {@code bin/postgres}, unpacking it under {@code root} if new. */
  static Path unpack(Path root) throws IOException {
    byte[] archive;
    try (InputStream in =
        DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(
            "Linux", ArchUtils.normalize(System.getProperty("os.arch")))) {
      archive = in.readAllBytes();
    }
    Path target = root.resolve("pg-" + digest(archive));
    if (Files.exists(target.resolve(COMPLETE))) return target;
    Files.createDirectories(root);
    Path staging = Files.createTempDirectory(root, "unpacking-");
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(new XZCompressorInputStream(new ByteArrayInputStream(archive)))) {
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        Path path = staging.resolve(entry.getName()).normalize();
        if (!path.startsWith(staging)) throw new IOException("unsafe entry " + entry.getName());
        if (entry.isDirectory()) {
          Files.createDirectories(path);
        } else if (entry.isSymbolicLink()) {
          Files.createDirectories(path.getParent());
          Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
        } else {
          Files.createDirectories(path.getParent());
          Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
          Files.setPosixFilePermissions(path, permissions(entry.getMode()));
        }
      }
    }
    Files.createFile(staging.resolve(COMPLETE));
    try {
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
      // another start unpacked the same archive first; theirs is complete
    }
    return target;
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE
    for (int i = 0; i < bits.length; i++) {
      if ((mode & (1 << (bits.length - 1 - i))) != 0) set.add(bits[i]);
    }
    set.add(PosixFilePermission.OWNER_READ);
    set.add(PosixFilePermission.OWNER_WRITE);
    return set;
  }

  private static String digest(byte[] bytes) {
    return HexFormat.of().formatHex(Bytes.sha256(bytes).toArray(), 0, 6);
  }
}
