package io.htmllake.parsers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** URL normalisation and the host / registered-domain columns. */
class UrlsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
      HTTPS://WWW.Example.COM/Path/Page.html       | https://www.example.com/Path/Page.html
      http://example.com:80/a                      | http://example.com/a
      https://example.com:443/a                    | https://example.com/a
      https://example.com:8443/a                   | https://example.com:8443/a
      https://example.com                          | https://example.com/
      https://example.com/a/./b/../c               | https://example.com/a/c
      https://example.com/a#section                | https://example.com/a
      https://example.com/s?b=2&a=1                | https://example.com/s?b=2&a=1
      https://example.com/s?                       | https://example.com/s
      https://example.com/a b                      | https://example.com/a%20b
      '  https://example.com/trimmed  '            | https://example.com/trimmed
      https://b\u00fccher.example/                 | https://xn--bcher-kva.example/
      ftp://example.com/file                       | NULL
      mailto:someone@example.com                   | NULL
      /relative/path                               | NULL
      https://                                     | NULL
      http://?q=1                                  | NULL
      http://#top                                  | NULL
      https://@/                                   | NULL
      ''                                           | NULL
      """)
  void normalize(String url, String expected) {
    assertEquals(expected, Urls.normalize(url.replace("\\u00fc", "\u00fc")));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
      https://WWW.Example.com/a          | www.example.com
      https://www.example.com./a         | www.example.com
      http://user:pw@host.example.org:8080/ | host.example.org
      https://exa mple.com/a             | NULL
      https://my_blog.example.com/       | my_blog.example.com
      HTTP://Under_Score.Example.COM.:81/ | under_score.example.com
      mailto:someone@example.com         | NULL
      https:///no-host                   | NULL
      not a url                          | NULL
      NULL                               | NULL
      """)
  void host(String url, String expected) {
    assertEquals(expected, Urls.host(url));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
      www.example.com           | example.com
      example.com               | example.com
      blog.example.co.uk        | example.co.uk
      a.b.c.example.com.au      | example.com.au
      alice.github.io           | alice.github.io
      192.168.0.1               | 192.168.0.1
      [2001:db8::1]             | [2001:db8::1]
      NULL                      | NULL
      ''                        | NULL
      """)
  void registeredDomain(String host, String expected) {
    assertEquals(expected, Urls.registeredDomain(host));
  }

  /** resolveHttp (the links' and canonical's path) gives what resolve + normalize give, without URL's handler search. */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
      /a/b?x=1                         | https://example.com/a/b?x=1
      HTTPS://Other.example/p          | https://other.example/p
      //cdn.example/x.js               | https://cdn.example/x.js
      url:https://example.org/u        | https://example.org/u
      url:javascript:void(0)           | NULL
      javascript:void(0)               | NULL
      JavaScript:alert(1)              | NULL
      tel:+4930123                     | NULL
      whatsapp://send?text=hi          | NULL
      mailto:a@example.com             | NULL
      ftp://example.com/f              | NULL
      1http:foo                        | https://example.com/dir/1http:foo
      a/b:c                            | https://example.com/dir/a/b:c
      ?q=2                             | https://example.com/dir/page?q=2
      """)
  void resolveHttp(String href, String expected) throws Exception {
    java.net.URL base = new java.net.URL("https://example.com/dir/page?q=1");
    assertEquals(expected, Urls.normalize(Urls.resolveHttp(base, href)));
    assertEquals(expected, Urls.normalize(Urls.resolve(base, href)), "resolve + normalize agree");
  }
}
