package dev.meshkit.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.apache.calcite.DataContexts;
import org.junit.jupiter.api.Test;

class MaskFunctionsTest {

  @Test
  void redactKeepsTheShape() {
    assertEquals("xx-nn x", MaskFunctions.redact("Ab-12 c"));
    // any script's letters and digits; a supplementary letter (U+1D400) becomes one x
    assertEquals("xxx n", MaskFunctions.redact("\u00C9a\uD835\uDC00 \u0663"));
  }

  @Test
  void last4ShowsTheEnd() {
    assertEquals("XXXXXXXXXXX4567", MaskFunctions.last4("+1 555 123 4567"));
    assertEquals("X2345", MaskFunctions.last4("12345"));
    assertEquals("1234", MaskFunctions.last4("1234"));
    assertEquals("", MaskFunctions.last4(""));
  }

  @Test
  void first4ShowsTheStart() {
    assertEquals("+1 5XXXXXXXXXXX", MaskFunctions.first4("+1 555 123 4567"));
    assertEquals("abc", MaskFunctions.first4("abc"));
  }

  @Test
  void supplementaryCharactersCountAsOne() {
    String emoji = "\uD83D\uDE00"; // one code point, two chars
    assertEquals("XX" + emoji + "abc", MaskFunctions.last4("ab" + emoji + "abc"));
    assertEquals("ab" + emoji + "aXX", MaskFunctions.first4("ab" + emoji + "abc"));
    assertEquals(emoji + emoji + emoji + emoji, MaskFunctions.last4(emoji.repeat(4)));
  }

  @Test
  void yearTruncatesInternalDatesAndTimestamps() {
    int day = (int) LocalDate.of(1969, 7, 20).toEpochDay();
    assertEquals((int) LocalDate.of(1969, 1, 1).toEpochDay(), MaskFunctions.yearOfDate(day));
    long millis = LocalDateTime.of(1969, 7, 20, 20, 17, 40).toInstant(ZoneOffset.UTC).toEpochMilli();
    long expected = LocalDateTime.of(1969, 1, 1, 0, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
    assertEquals(expected, MaskFunctions.yearOfTimestamp(millis));
  }

  @Test
  void nullStaysNull() {
    assertNull(MaskFunctions.hash(DataContexts.EMPTY, null));
    assertNull(MaskFunctions.redact(null));
    assertNull(MaskFunctions.last4(null));
    assertNull(MaskFunctions.first4(null));
    assertNull(MaskFunctions.yearOfDate(null));
    assertNull(MaskFunctions.yearOfTimestamp(null));
  }
}
