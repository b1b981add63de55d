package dev.meshkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.meshkit.contract.ColumnType.Change;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ColumnTypeTest {

  @ParameterizedTest(name = "{0} to {1} is {2}")
  @CsvSource(delimiter = '|', value = {
      "INTEGER | INTEGER | SAME",
      "INTEGER | BIGINT | WIDENED",
      "BIGINT | INTEGER | NARROWED",
      "SMALLINT | DECIMAL(5, 0) | WIDENED",
      "INTEGER | DECIMAL(10, 0) | WIDENED",
      "INTEGER | DECIMAL(8, 0) | NARROWED",
      "DECIMAL(10, 2) | DECIMAL(12, 2) | WIDENED",
      "DECIMAL(10, 2) | DECIMAL(11, 3) | WIDENED",
      "DECIMAL(10, 2) | DECIMAL(8, 2) | NARROWED",
      "DECIMAL(10, 2) | DECIMAL(10, 1) | CHANGED",
      "DECIMAL(10, 2) | INTEGER | CHANGED",
      "INTEGER | DOUBLE | WIDENED",
      "BIGINT | DOUBLE | CHANGED",
      "REAL | DOUBLE | WIDENED",
      "DOUBLE | REAL | NARROWED",
      "VARCHAR(20) | VARCHAR(40) | WIDENED",
      "VARCHAR(40) | VARCHAR(20) | NARROWED",
      "VARCHAR(40) | VARCHAR | WIDENED",
      "VARCHAR | VARCHAR(40) | NARROWED",
      "CHAR(3) | VARCHAR(3) | WIDENED",
      "CHAR(3) | VARCHAR(2) | CHANGED",
      "VARCHAR(3) | CHAR(3) | CHANGED",
      "TIMESTAMP(0) | TIMESTAMP(3) | WIDENED",
      "TIMESTAMP(3) | TIMESTAMP(0) | NARROWED",
      "DATE | TIMESTAMP(0) | CHANGED",
      "INTEGER | VARCHAR(10) | CHANGED",
      "BOOLEAN | BOOLEAN | SAME",
      "TIMESTAMP(3) | TIMESTAMP_WITH_LOCAL_TIME_ZONE(3) | CHANGED",
  })
  void classifiesTheChangeOfType(String from, String to, Change expected) {
    assertEquals(expected, ColumnType.parse(from).to(ColumnType.parse(to)));
  }
}
