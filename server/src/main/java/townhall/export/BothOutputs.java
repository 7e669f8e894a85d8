package townhall.export;

import java.io.IOException;
import java.io.OutputStream;

/** Writes every byte to two streams: a record file and its gzip-compressed twin, written in one pass. */
final class BothOutputs extends OutputStream {
  private final OutputStream first;
  private final OutputStream second;

  BothOutputs(OutputStream first, OutputStream second) {
    this.first = first;
    this.second = second;
  }

  @Override
  public void write(int b) throws IOException {
    first.write(b);
    second.write(b);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    first.write(b, off, len);
    second.write(b, off, len);
  }

  @Override
  public void flush() throws IOException {
    first.flush();
    second.flush();
  }

  @Override
  public void close() throws IOException {
    try {
      first.close();
    } finally {
      second.close();
    }
  }
}
