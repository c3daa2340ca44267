package io.htmllake.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.htmllake.schemas.Column;
import io.htmllake.schemas.TableSchema;
import io.htmllake.schemas.Tables;
import io.htmllake.testing.SharedSpark;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.catalyst.parser.ParserInterface;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The DDL text, checked structurally (Athena cannot run here): Athena's type names, back-quoted
 * names, s3:// locations, Athena's Delta form, comment escaping; and every statement parses with
 * Spark's parser (which reads Hive DDL too). {@code RegisterJobTest} runs the DDL against a real
 * metastore.
 */
class TableDdlTest {

  private static final LocalDate DAY = LocalDate.of(2024, 3, 1);

  private static TableDdl pages(TableFormat format) {
    return new TableDdl("web", Tables.PAGES, "s3a://bucket/lake/pages/", format);
  }

  @Test
  void typesAreAthenasDdlNames() {
    assertEquals("string", TableDdl.hiveType(DataTypes.StringType));
    assertEquals("int", TableDdl.hiveType(DataTypes.IntegerType));
    assertEquals("bigint", TableDdl.hiveType(DataTypes.LongType));
    assertEquals("decimal(18,4)", TableDdl.hiveType(DataTypes.createDecimalType(18, 4)));
    assertEquals("timestamp", TableDdl.hiveType(DataTypes.TimestampType));
    assertEquals("date", TableDdl.hiveType(DataTypes.DateType));
    assertEquals("binary", TableDdl.hiveType(DataTypes.BinaryType));
    assertEquals("map<string,string>", TableDdl.hiveType(DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType)));
    assertEquals("array<struct<name:string,price:decimal(10,2),tags:array<string>>>",
        TableDdl.hiveType(StructType.fromDDL("x ARRAY<STRUCT<name: STRING, price: DECIMAL(10,2), tags: ARRAY<STRING>>>").fields()[0].dataType()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TableDdl.hiveType(DataTypes.TimestampNTZType));
    assertTrue(e.getMessage().contains("timestamp_ntz"), e.getMessage());
  }

  @Test
  void athenaParquetTableIsExternalPartitionedByDtStoredAsParquetOnS3() {
    String ddl = pages(TableFormat.PARQUET).createTable(TableDdl.Dialect.ATHENA);
    assertTrue(ddl.startsWith("CREATE EXTERNAL TABLE IF NOT EXISTS `web`.`pages` (\n  `page_id` string COMMENT 'Deterministic id: "), ddl);
    assertTrue(ddl.contains("\n  `fetch_time` timestamp COMMENT 'When the page was fetched (UTC)',\n"), ddl);
    assertTrue(ddl.contains("\n  `og` map<string,string> COMMENT "), ddl);
    assertTrue(ddl.contains("\n  `parser_version` string COMMENT 'Version of the htmllake parser that produced the row'\n)\n"), ddl);
    assertTrue(ddl.contains("\nPARTITIONED BY (`dt` string COMMENT 'Run date (YYYY-MM-DD), the partition read from the raw zone')\n"
        + "STORED AS PARQUET\nLOCATION 's3://bucket/lake/pages/'\n"
        + "TBLPROPERTIES ('htmllake.table' = 'pages', 'htmllake.schema_version' = '1.0')"), ddl);
    assertFalse(ddl.contains("s3a://"), ddl);
    // Every column in definition order, and dt only as the partition column.
    List<String> columnLines = ddl.lines().filter(l -> l.startsWith("  `")).toList();
    assertEquals(Tables.PAGES.columnNames(), columnLines.stream().map(l -> l.substring(3, l.indexOf('`', 3))).toList());
  }

  @Test
  void commentsEscapeQuotesAndBackslashesAndFitAGlueComment() {
    // The author column's description holds '; ' in quotes.
    String ddl = pages(TableFormat.PARQUET).createTable(TableDdl.Dialect.ATHENA);
    assertTrue(ddl.contains("(several joined with \\'; \\')"), ddl);
    TableSchema odd = TableSchema.builder("odd", "1.0", "a table")
        .optional("a", DataTypes.StringType, "1.0", "back\\slash and 'quote' and\nnew line " + "x".repeat(300)).build();
    String oddDdl = new TableDdl("web", odd, "s3://b/lake/odd", TableFormat.PARQUET).createTable(TableDdl.Dialect.ATHENA);
    String comment = TableDdl.comment(odd.columns().get(0).description());
    assertEquals(TableDdl.MAX_COMMENT, comment.length());
    assertTrue(comment.startsWith("back\\slash and 'quote' and new line xxx") && comment.endsWith("..."), comment);
    assertTrue(oddDdl.contains("`a` string COMMENT 'back\\\\slash and \\'quote\\' and new line xxx"), oddDdl);
  }

  @Test
  void athenaDeltaTableIsOnlyLocationAndTableType() {
    assertEquals("CREATE EXTERNAL TABLE IF NOT EXISTS `web`.`pages`\nLOCATION 's3://bucket/lake/pages/'\nTBLPROPERTIES ('table_type' = 'DELTA')",
        pages(TableFormat.DELTA).createTable(TableDdl.Dialect.ATHENA));
    assertEquals("CREATE TABLE IF NOT EXISTS `web`.`pages`\nUSING DELTA\nLOCATION 's3a://bucket/lake/pages'",
        pages(TableFormat.DELTA).createTable(TableDdl.Dialect.SPARK));
  }

  @Test
  void partitionStatements() {
    TableDdl ddl = pages(TableFormat.PARQUET);
    assertEquals("ALTER TABLE `web`.`pages` ADD IF NOT EXISTS PARTITION (dt = '2024-03-01') LOCATION 's3://bucket/lake/pages/dt=2024-03-01/'",
        ddl.addPartition(TableDdl.Dialect.ATHENA, DAY));
    assertEquals("ALTER TABLE `web`.`pages` ADD IF NOT EXISTS PARTITION (dt = '2024-03-01') LOCATION 's3a://bucket/lake/pages/dt=2024-03-01'",
        ddl.addPartition(TableDdl.Dialect.SPARK, DAY));
    assertEquals("ALTER TABLE `web`.`pages` DROP IF EXISTS PARTITION (dt = '2024-03-01')", ddl.dropPartition(DAY));
    assertEquals("MSCK REPAIR TABLE `web`.`pages`", ddl.repairTable());
    assertThrows(IllegalStateException.class, () -> pages(TableFormat.DELTA).addPartition(TableDdl.Dialect.SPARK, DAY));
  }

  @Test
  void everyStatementParsesInSparkSql() throws Exception {
    ParserInterface parser = SharedSpark.get().sessionState().sqlParser();
    List<String> statements = new java.util.ArrayList<>();
    statements.add(TableDdl.createDatabase("web"));
    for (TableSchema table : Tables.ALL) {
      for (TableFormat format : List.of(TableFormat.PARQUET, TableFormat.DELTA)) {
        TableDdl ddl = new TableDdl("web", table, "s3://bucket/lake/" + table.name(), format);
        statements.add(ddl.createTable(TableDdl.Dialect.ATHENA));
        statements.add(ddl.createTable(TableDdl.Dialect.SPARK));
      }
      TableDdl parquet = new TableDdl("web", table, "s3://bucket/lake/" + table.name(), TableFormat.PARQUET);
      statements.addAll(List.of(parquet.addPartition(TableDdl.Dialect.ATHENA, DAY), parquet.dropPartition(DAY),
          parquet.setPartitionLocation(DAY), parquet.repairTable(), parquet.setVersion(),
          parquet.addColumns(List.of(new Column("extra", DataTypes.StringType, true, "it's new", "1.1")))));
    }
    for (String statement : statements) {
      parser.parsePlan(statement); // throws ParseException naming the position
    }
    assertEquals(1 + Tables.ALL.size() * 10, statements.size());
  }

  @Test
  void namesCatalogsCannotHoldAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new TableDdl("Web-Lake", Tables.PAGES, "s3://b/l/pages", TableFormat.PARQUET));
    assertTrue(e.getMessage().contains("Web-Lake"), e.getMessage());
    TableSchema upper = TableSchema.builder("t", "1.0", "t").optional("Price", DataTypes.StringType, "1.0", "p").build();
    assertThrows(IllegalArgumentException.class, () -> new TableDdl("web", upper, "s3://b/l/t", TableFormat.PARQUET));
    assertThrows(IllegalArgumentException.class, () -> new TableDdl("web", Tables.PAGES, "s3://b/l/pages", TableFormat.JSON));
  }
}
