package io.htmllake.parsers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** Main-text extraction on hand-written pages: what is kept, what is left out, and that the work stays bounded. */
class MainContentTest {

  private static String mainText(String html) {
    Document doc = Jsoup.parse(html, "https://news.example.com/a");
    return TextExtractor.mainText(doc.body(), DocumentScan.of(doc));
  }

  private static final String PARAGRAPH = "The council met on Tuesday to discuss the river, the bridge and the budget,"
      + " and after a long debate, it voted to fund the cleanup for another year.";

  @Test
  void keepsTheArticleBodyAndLeavesOutFurniture() {
    String html = """
        <html><body>
        <header><a href="/">News</a> <a href="/world">World</a></header>
        <nav><ul><li><a href="/a">Politics</a></li><li><a href="/b">Sport</a></li></ul></nav>
        <div id="page">
          <div class="story-body">
            <h1>Council votes to fund the cleanup</h1>
            <div class="byline">By Ann Author</div>
            <div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Tweet</a></div>
            <p>%1$s</p>
            <h2>What happens next</h2>
            <p>%1$s</p>
            <ul><li>The first step starts in spring, when the water is low enough to work.</li>
                <li>The second step follows in autumn, after the summer festival has ended.</li></ul>
            <p>Read more: <a href="/other">Another story about another river in another town</a></p>
            <p>%1$s</p>
          </div>
          <div class="sidebar"><h3>Most read</h3><p><a href="/x">Something else, with commas, and more, and more</a></p></div>
          <div id="comments"><p>First! This is a comment, and it has commas, many, many, many of them.</p></div>
        </div>
        <footer>Copyright News Inc.</footer>
        </body></html>
        """.formatted(PARAGRAPH);
    assertEquals(PARAGRAPH + "\nWhat happens next\n" + PARAGRAPH
        + "\nThe first step starts in spring, when the water is low enough to work."
        + "\nThe second step follows in autumn, after the summer festival has ended.\n" + PARAGRAPH, mainText(html));
  }

  @Test
  void looseTextBesideBlocksCountsAsParagraphs() {
    String html = """
        <body><div class="menu-list"><a href="/1">One link</a> <a href="/2">Two links</a> <a href="/3">Three</a></div>
        <div class="post"><div class="image"><img src="x.jpg"></div>
        %1$s<br>%1$s<br><br>%1$s</div></body>
        """.formatted(PARAGRAPH);
    assertEquals(PARAGRAPH + "\n" + PARAGRAPH + "\n" + PARAGRAPH, mainText(html));
  }

  @Test
  void aPageWithoutParagraphsFallsBackToItsVisibleBody() {
    assertEquals("Not found é", mainText("<html><body><main><p>Not found é</p></main></body></html>"));
    assertEquals(null, mainText("<html><body><script>var x;</script></body></html>"));
  }

  @Test
  void noscriptContentIsReadAsAReaderWithoutScriptsSeesIt() {
    String html = "<body><div class='post-body'><noscript><p>" + PARAGRAPH + "</p></noscript></div></body>";
    assertEquals(PARAGRAPH, mainText(html));
  }

  @Test
  void modalDialogsAndHiddenBlocksAreNotContent() {
    String html = """
        <body><div class="login-modal"><p>Sign in to read on, with your account, your password, and your email.</p>
        <p>Sign in to read on, with your account, your password, and your email.</p></div>
        <article><p>%1$s</p><p style="display:none">%1$s hidden</p><p>%1$s</p></article></body>
        """.formatted(PARAGRAPH);
    assertEquals(PARAGRAPH + "\n" + PARAGRAPH, mainText(html));
  }

  @Test
  void deepAndWidePagesFinishInBoundedTime() {
    StringBuilder deep = new StringBuilder("<body>");
    deep.append("<div>".repeat(20_000)).append("<p>").append(PARAGRAPH).append("</p>");
    StringBuilder wide = new StringBuilder("<body><div>");
    for (int i = 0; i < 30_000; i++) {
      wide.append("<div class='c").append(i % 7).append("'><p>").append(PARAGRAPH).append("</p></div>");
    }
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      assertEquals(PARAGRAPH, mainText(deep.toString()));
      assertEquals(30_000, mainText(wide.toString()).split("\n").length);
    });
  }
}
