package io.milvusimport.testkit.cloud;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link ZillizTestBed} for one test class: started before its tests, closed after them. Use as
 * {@code @RegisterExtension static final ZillizBed BED = new ZillizBed(b -> b.rateLimit(1000));}.
 */
public final class ZillizBed implements BeforeAllCallback, AfterAllCallback {
  private final UnaryOperator<ZillizStandIn.Builder> tweak;
  private ZillizTestBed bed;

  public ZillizBed(UnaryOperator<ZillizStandIn.Builder> tweak) {
    this.tweak = tweak;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    bed = ZillizTestBed.start(tweak);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    bed.close();
  }

  public ZillizTestBed get() {
    return bed;
  }
}
