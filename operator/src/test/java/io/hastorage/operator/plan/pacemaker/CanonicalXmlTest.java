package io.hastorage.operator.plan.pacemaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CanonicalXmlTest {

  @Test
  void attributeOrderAndWhitespaceDoNotMatter() {
    String a =
        """
        <rsc_location score="-INFINITY" id="x" node="n1" rsc="r">
        </rsc_location>""";
    String b = "<rsc_location   id='x' rsc='r'\n node='n1' score='-INFINITY'/>";

    assertThat(CanonicalXml.canonicalize(a))
        .isEqualTo(CanonicalXml.canonicalize(b))
        .isEqualTo("<rsc_location id=\"x\" node=\"n1\" rsc=\"r\" score=\"-INFINITY\"/>");
  }

  @Test
  void childOrderMattersAndCommentsDoNot() {
    String ab = "<s id='s'><!-- note --><nvpair id='a'/>\n  <nvpair id='b'/></s>";
    String ba = "<s id='s'><nvpair id='b'/><nvpair id='a'/></s>";

    assertThat(CanonicalXml.canonicalize(ab))
        .isEqualTo("<s id=\"s\"><nvpair id=\"a\"/><nvpair id=\"b\"/></s>")
        .isNotEqualTo(CanonicalXml.canonicalize(ba));
  }

  @Test
  void escapingRoundTrips() {
    String canonical =
        CanonicalXml.canonicalize("<nvpair id='p' value='a&amp;b&lt;&quot;&gt;&#10;c'/>");

    assertThat(canonical).isEqualTo("<nvpair id=\"p\" value=\"a&amp;b&lt;&quot;&gt;&#10;c\"/>");
    assertThat(CanonicalXml.canonicalize(canonical)).isEqualTo(canonical);
    assertThat(CanonicalXml.parse(canonical).getDocumentElement().getAttribute("value"))
        .isEqualTo("a&b<\">\nc");
  }

  @Test
  void refusesDoctypesSoNoExternalEntityIsEverRead() {
    String xxe =
        """
        <?xml version="1.0"?>
        <!DOCTYPE cib [<!ENTITY x SYSTEM "file:///etc/passwd">]>
        <cib><configuration>&x;</configuration></cib>""";

    assertThatThrownBy(() -> CanonicalXml.parse(xxe))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DOCTYPE")
        .hasMessageNotContaining("root:");
  }

  @Test
  void refusesMalformedXml() {
    assertThatThrownBy(() -> CanonicalXml.parse("<cib><configuration></cib>"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not well-formed XML");
  }
}
