package io.milvusimport.testkit.standin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict WKT syntax check standing in for Milvus's {@code common.ConvertWKTToWKB} (Milvus 2.6,
 * {@code pkg/common}), whose failure the JSON row parser reports as its type error. Accepts POINT,
 * LINESTRING, POLYGON, MULTIPOINT (with or without parentheses around points), MULTILINESTRING,
 * MULTIPOLYGON and GEOMETRYCOLLECTION; an optional Z, M or ZM tag; EMPTY; case-insensitive
 * keywords; decimal numbers with optional exponent. Every coordinate of one geometry has the same
 * number of values: 2, or 3 with Z/M, 4 with ZM (untagged 3 or 4 are read as XYZ / XYZM). Only
 * syntax is checked: ring closure and minimum point counts are not (WKT-to-WKB does not need them).
 * SRID prefixes (EWKT), NaN and Inf are rejected.
 */
final class WktChecker {
  private static final Pattern TOKEN =
      Pattern.compile(
          "\\s*(?:([A-Za-z]+)|([+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?)|([(),]))");

  private final List<String> tokens = new ArrayList<>();
  private int pos;
  private int dims; // values per coordinate of the current geometry, 0 while unknown

  private WktChecker() {}

  /** True when {@code wkt} is one well-formed WKT geometry. */
  static boolean isValid(String wkt) {
    WktChecker c = new WktChecker();
    return c.tokenize(wkt) && c.geometry() && c.pos == c.tokens.size();
  }

  private boolean tokenize(String s) {
    Matcher m = TOKEN.matcher(s);
    int at = 0;
    while (at < s.length()) {
      if (s.substring(at).trim().isEmpty()) {
        return true;
      }
      if (!m.find(at) || m.start() != at) {
        return false;
      }
      String word = m.group(1);
      tokens.add(
          word != null ? word.toUpperCase(Locale.ROOT) : m.group(2) != null ? "#" : m.group(3));
      at = m.end();
    }
    return true;
  }

  private String peek() {
    return pos < tokens.size() ? tokens.get(pos) : "";
  }

  private boolean accept(String t) {
    if (peek().equals(t)) {
      pos++;
      return true;
    }
    return false;
  }

  private boolean geometry() {
    String kind = peek();
    pos++;
    dims = 0;
    if (accept("ZM")) {
      dims = 4;
    } else if (accept("Z") || accept("M")) {
      dims = 3;
    }
    if (accept("EMPTY")) {
      return isKind(kind);
    }
    switch (kind) {
      case "POINT":
        return accept("(") && coord() && accept(")");
      case "LINESTRING":
        return coords();
      case "POLYGON":
        return list(this::coords);
      case "MULTIPOINT":
        return list(
            emptyOr(() -> peek().equals("(") ? accept("(") && coord() && accept(")") : coord()));
      case "MULTILINESTRING":
        return list(emptyOr(this::coords));
      case "MULTIPOLYGON":
        return list(emptyOr(() -> list(this::coords)));
      case "GEOMETRYCOLLECTION":
        return list(this::geometry);
      default:
        return false;
    }
  }

  private static boolean isKind(String k) {
    return k.matches(
        "POINT|LINESTRING|POLYGON|MULTIPOINT|MULTILINESTRING|MULTIPOLYGON|GEOMETRYCOLLECTION");
  }

  private interface Part {
    boolean parse();
  }

  /** A member of a MULTI* geometry: itself, or {@code EMPTY}. */
  private Part emptyOr(Part part) {
    return () -> accept("EMPTY") || part.parse();
  }

  /** {@code ( part , part ... )} */
  private boolean list(Part part) {
    if (!accept("(")) {
      return false;
    }
    do {
      if (!part.parse()) {
        return false;
      }
    } while (accept(","));
    return accept(")");
  }

  /** {@code ( x y , x y ... )} */
  private boolean coords() {
    return list(this::coord);
  }

  private boolean coord() {
    int n = 0;
    while (accept("#")) {
      n++;
    }
    if (n < 2 || n > 4) {
      return false;
    }
    if (dims == 0) {
      dims = n;
    }
    return n == dims;
  }
}
