package io.syncline.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileOutputTest {
  @TempDir Path dir;

  @Test
  void aLargeFileGoesPastThePageCacheWithEveryByteAndNoPadding() throws IOException {
    // tmpfs took O_DIRECT only from Linux 6.6 on; an older one is the case of the test below
    assumeTrue(!Files.getFileStore(dir).type().equals("tmpfs"), "a temporary folder on tmpfs");
    // Sizes around the block and buffer boundaries: the last block is written padded and cut.
    for (long size :
        new long[] {
          FileOutput.DIRECT_FROM,
          FileOutput.DIRECT_FROM + 1,
          FileOutput.DIRECT_FROM + 4095,
          FileOutput.DIRECT_FROM + FileWrite.CHUNK - 1,
          FileOutput.DIRECT_FROM + 12_345
        }) {
      byte[] bytes = randomBytes((int) size);
      Path file = Files.createFile(dir.resolve("large-" + size));

      boolean direct = write(file, bytes, 65_537);

      assertThat(direct).as("written past the page cache").isTrue();
      assertThat(Files.size(file)).isEqualTo(size);
      assertThat(Files.mismatch(file, writeArray(bytes))).as("size " + size).isEqualTo(-1);
    }
  }

  @Test
  void aSmallFileGoesThroughThePageCache() throws IOException {
    byte[] bytes = randomBytes(100_000);
    Path file = Files.createFile(dir.resolve("small"));

    assertThat(write(file, bytes, 7_777)).isFalse();
    assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
  }

  @Test
  void aFileSystemThatRefusesDirectWritesGetsTheFileThroughThePageCache() throws IOException {
    byte[] bytes = randomBytes((int) FileOutput.DIRECT_FROM + 3);
    Path file = Files.createFile(dir.resolve("refused"));
    FileOutput.DirectOpener refusing =
        () -> {
          throw new IOException("Invalid argument"); // what open(2) says on such a file system
        };

    try (FileOutput output =
        FileOutput.open(file, bytes.length, ByteBuffer::allocateDirect, refusing)) {
      assertThat(output.direct()).isFalse();
      write(output, bytes, FileWrite.CHUNK);
    }

    assertThat(Files.mismatch(file, writeArray(bytes))).isEqualTo(-1);
  }

  /** Writes {@code bytes} in pieces of {@code piece} bytes, as FileWrite does; true if direct. */
  private static boolean write(Path file, byte[] bytes, int piece) throws IOException {
    try (FileOutput output = FileOutput.open(file, bytes.length, ByteBuffer::allocateDirect)) {
      write(output, bytes, piece);
      return output.direct();
    }
  }

  private static void write(FileOutput output, byte[] bytes, int piece) throws IOException {
    ByteBuffer out = output.buffer();
    for (int at = 0; at < bytes.length; ) {
      int n = Math.min(Math.min(piece, out.remaining()), bytes.length - at);
      out.put(bytes, at, n);
      at += n;
      if (!out.hasRemaining()) {
        output.drain();
      }
    }
    output.finish();
  }

  private Path writeArray(byte[] bytes) throws IOException {
    return Files.write(Files.createTempFile(dir, "expected", ".bin"), bytes);
  }

  private static byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }
}
