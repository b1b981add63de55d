package dev.meshkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The login throttle: five refusals of one user from one address within a minute earn a wait that grows. */
class FailedLoginsTest {

  /** A clock the test moves. */
  private static final class Hands extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    void pass(Duration d) {
      now = now.plus(d);
    }
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private final Hands clock = new Hands();
  private final FailedLogins logins = new FailedLogins(clock);

  private void fail(String user, String address, int times) {
    for (int i = 0; i < times; i++) {
      logins.refused(basic(user, "guess" + i), address);
    }
  }

  @Test
  void theFifthRefusalWithinAMinuteEarnsAWaitThatDoublesEachRound() {
    fail("ann", "10.0.0.1", 4);
    assertEquals(Duration.ZERO, logins.waiting(basic("ann", "right"), "10.0.0.1"));
    fail("ann", "10.0.0.1", 1);
    // Whatever password comes next: the wait is for the user and address.
    assertEquals(Duration.ofSeconds(15), logins.waiting(basic("ann", "right"), "10.0.0.1"));
    clock.pass(Duration.ofSeconds(10));
    assertEquals(Duration.ofSeconds(5), logins.waiting(basic("ann", "x"), "10.0.0.1"));
    clock.pass(Duration.ofSeconds(5));
    assertEquals(Duration.ZERO, logins.waiting(basic("ann", "x"), "10.0.0.1"));
    fail("ann", "10.0.0.1", 5);
    assertEquals(Duration.ofSeconds(30), logins.waiting(basic("ann", "x"), "10.0.0.1"));
    clock.pass(Duration.ofSeconds(30));
    fail("ann", "10.0.0.1", 5);
    assertEquals(Duration.ofSeconds(60), logins.waiting(basic("ann", "x"), "10.0.0.1"));
    for (int round = 0; round < 10; round++) {
      clock.pass(Duration.ofHours(1).minusMinutes(50));
      fail("ann", "10.0.0.1", 5);
    }
    assertEquals(Duration.ofMinutes(15), logins.waiting(basic("ann", "x"), "10.0.0.1"), "at most");
    assertEquals(65, logins.count(), "every refusal counts");
  }

  @Test
  void otherUsersAndAddressesDoNotWait() {
    fail("ann", "10.0.0.1", 5);
    assertEquals(Duration.ZERO, logins.waiting(basic("ann", "right"), "10.0.0.2"));
    assertEquals(Duration.ZERO, logins.waiting(basic("bob", "right"), "10.0.0.1"));
  }

  @Test
  void refusalsSpreadOverMoreThanAMinuteAndASuccessStartAfresh() {
    for (int i = 0; i < 8; i++) {
      fail("ann", "10.0.0.1", 1);
      clock.pass(Duration.ofSeconds(16));
    }
    assertEquals(Duration.ZERO, logins.waiting(basic("ann", "x"), "10.0.0.1"));
    fail("ann", "10.0.0.1", 4);
    logins.succeeded(basic("ann", "right"), "10.0.0.1");
    fail("ann", "10.0.0.1", 4);
    assertEquals(Duration.ZERO, logins.waiting(basic("ann", "x"), "10.0.0.1"));
  }
}
