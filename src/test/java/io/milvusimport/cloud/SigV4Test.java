package io.milvusimport.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SigV4 against the worked examples of AWS's "Signature Calculations for S3" documentation. */
class SigV4Test {
  private static final String ACCESS = "AKIAIOSFODNN7EXAMPLE";
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  private static final String EMPTY_HASH =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  @Test
  void getObjectExampleGivesTheDocumentedSignature() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Host", "examplebucket.s3.amazonaws.com");
    headers.put("Range", "bytes=0-9");
    headers.put("x-amz-content-sha256", EMPTY_HASH);
    headers.put("x-amz-date", "20130524T000000Z");

    String authorization =
        SigV4.authorization(
            "GET", "/test.txt", Map.of(), headers, EMPTY_HASH, ACCESS, SECRET, "us-east-1");

    assertThat(authorization)
        .isEqualTo(
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                + " SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
                + " Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
  }

  @Test
  void listObjectsExampleWithQueryGivesTheDocumentedSignature() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("host", "examplebucket.s3.amazonaws.com");
    headers.put("x-amz-content-sha256", EMPTY_HASH);
    headers.put("x-amz-date", "20130524T000000Z");

    String authorization =
        SigV4.authorization(
            "GET",
            "/",
            Map.of("max-keys", "2", "prefix", "J"),
            headers,
            EMPTY_HASH,
            ACCESS,
            SECRET,
            "us-east-1");

    assertThat(authorization)
        .endsWith("Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
  }

  @Test
  void keysAreEncodedPerSegmentKeepingSlashes() {
    assertThat(SigV4.encodePath("bucket", "vol/a dir/ü+x~.json"))
        .isEqualTo("/bucket/vol/a%20dir/%C3%BC%2Bx~.json");
    assertThat(SigV4.encode("a/b=c", true)).isEqualTo("a%2Fb%3Dc");
  }
}
