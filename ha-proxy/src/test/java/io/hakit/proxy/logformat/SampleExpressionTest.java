package io.hakit.proxy.logformat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hakit.core.Origin;
import io.hakit.core.model.Capture;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each fetch and converter, with results haproxy 2.6.12 gave for the same input. */
class SampleExpressionTest {
  private static String eval(String expr, TestContext c) {
    return LogFormat.compile(expr, Usage.HTTP_REQUEST).format(c);
  }

  private static TestContext request(String name, String value) {
    TestContext c = new TestContext();
    c.request = new TestContext.Head().request("GET", "/a?b").header("host", "x").header(name, value);
    return c;
  }

  @Test
  void fetches_connectionAndNames() {
    TestContext c = new TestContext();
    assertThat(eval("%[src]|%[src_port]|%[dst]|%[dst_port]|%[fe_name]", c)).isEqualTo("127.0.0.1|34610|127.0.0.1|23741|fe1");
    // HAProxy 2.6 prints "-" for %[status] in a log line: the response is released before the line is built.
    assertThat(LogFormat.compile("%[be_name]|%[srv_name]|%[status]", Usage.LOG).format(c)).isEqualTo("be1|s1|-");
    c.server = "<NOSRV>";
    c.status = -1;
    assertThat(LogFormat.compile("%[srv_name]|%[status]", Usage.LOG).format(c)).isEqualTo("-|-");
  }

  @Test
  void fetches_ipv6Client_compressedForm() {
    TestContext c = new TestContext();
    c.addresses.put(LogContext.Peer.CLIENT, new java.net.InetSocketAddress("::1", 5));
    assertThat(eval("%[src] %ci %{+X}ci", c)).isEqualTo("::1 ::1 00000000000000000000000000000001");
  }

  @Test
  void fetches_captures() {
    TestContext c = new TestContext().captures(List.of(
        new Capture(Capture.Kind.REQUEST_HEADER, "X-In", 4, Origin.UNKNOWN),
        new Capture(Capture.Kind.REQUEST_HEADER, "X-Multi", 64, Origin.UNKNOWN),
        new Capture(Capture.Kind.RESPONSE_HEADER, "X-Resp", 64, Origin.UNKNOWN)));
    c.request = new TestContext.Head().request("GET", "/").header("x-in", "abcdef").header("x-multi", "a, b")
        .header("x-multi", "c");
    c.response = new TestContext.Head().header("x-resp", "R");
    c.captured.captureRequest(c.request);
    c.captured.captureResponse(c.response);
    assertThat(LogFormat.compile("%[capture.req.hdr(0)]|%[capture.req.hdr(1)]|%[capture.req.hdr(7)]|%[capture.res.hdr(0)]",
        Usage.LOG).format(c)).isEqualTo("abcd|c|-|R");
  }

  @Test
  void converters_caseAndEncodings() {
    TestContext c = request("x-in", "a/b\"c\\d\tt\u00c3\u00a9{|}#");
    assertThat(eval("%[req.hdr(x-in),json]", c)).isEqualTo("a\\/b\\\"c\\\\d\\tt\\u00c3\\u00a9{|}#");
    assertThat(eval("%[req.hdr(x-in),hex]", c)).isEqualTo("612F6222635C640974C3A97B7C7D23");
    assertThat(eval("%[src_port,base64]|%[src,hex]|%[src,base64]|%[src_port,hex]", c))
        .isEqualTo("AAAAAAAAhzI=|7F000001|fwAAAQ==|0000000000008732");
    assertThat(eval("%[req.hdr(host),upper]|%[method,lower]", request("host", "MiXeD"))).isEqualTo("MIXED|get");
    assertThat(eval("%[req.hdr(x-h),base64]", request("x-h", "Ex\"Am\\ple.c"))).isEqualTo("RXgiQW1ccGxlLmM=");
  }

  @Test
  void converters_wordAndField() {
    TestContext c = request("x-w", "/p//q/r/");
    assertThat(eval("%[req.hdr(x-w),word(2,/)]|%[req.hdr(x-w),word(-1,/)]|%[req.hdr(x-w),field(1,/)]"
        + "|%[req.hdr(x-w),field(3,/)]|%[req.hdr(x-w),field(2,/,2)]|%[req.hdr(x-w),word(1,/,2)]"
        + "|%[req.hdr(x-w),field(9,/)]|%[req.hdr(x-w),word(9,/)]|%[req.hdr(x-w),upper]", c))
        .isEqualTo("q|r|||p/|p//q|||/P//Q/R/");
    assertThat(eval("%[req.hdr(x-w),field(-2,/)]|%[req.hdr(x-w),word(-2,/)]", c)).isEqualTo("r|q");
  }

  @Test
  void converters_regsub() {
    TestContext c = request("x-p", "/a/b");
    assertThat(eval("%[req.hdr(x-p),regsub(/,_,g)]|%[req.hdr(x-p),regsub(/,_)]|%[req.hdr(x-p),regsub(^/(.)/,\\1-)]", c))
        .isEqualTo("_a_b|_a/b|a-b");
  }

  @Test
  void emptyOrAbsent_dashInLogNothingInHeader() {
    TestContext c = request("x-e", "");
    c.captured = new CaptureSpec(List.of()).newHolder();
    assertThat(eval("[%[req.hdr(x-e)]][%[req.hdr(nothere)]][%[query]]", c)).isEqualTo("[][][b]");
    assertThat(LogFormat.compile("%[capture.req.hdr(0)] %{+Q}[capture.req.hdr(0)]", Usage.LOG).format(c))
        .isEqualTo("- \"\"");
  }

  @Test
  void compile_unknownFetchOrConverter_suggestsAndLists() {
    assertThatThrownBy(() -> LogFormat.compile("%[sr]", Usage.LOG)).isInstanceOf(FormatException.class)
        .hasMessageStartingWith("failed to parse sample expression <sr]> : unknown fetch method 'sr'; did you mean 'src'?");
    assertThatThrownBy(() -> LogFormat.compile("%[src,lowr] x", Usage.LOG))
        .hasMessageStartingWith("failed to parse sample expression <src,lowr] x> : unknown converter 'lowr'; did you mean"
            + " 'lower'?");
  }

  @Test
  void compile_badArguments_haproxyMessages() {
    assertThatThrownBy(() -> LogFormat.compile("%[src,word]", Usage.LOG)).hasMessage("failed to parse sample expression"
        + " <src,word]> : invalid arg 1 in converter 'word' : expected type 'integer' at position 1, but got nothing.");
    assertThatThrownBy(() -> LogFormat.compile("%[src,word(a,b)]", Usage.LOG)).hasMessage("failed to parse sample"
        + " expression <src,word(a,b)]> : invalid arg 1 in converter 'word' : failed to parse 'a' as type 'integer' at"
        + " position 1.");
    assertThatThrownBy(() -> LogFormat.compile("%[src(1)]", Usage.LOG)).hasMessage("failed to parse sample expression"
        + " <src(1)]> : fetch method 'src' : expected ')' before '1)]'.");
    assertThatThrownBy(() -> LogFormat.compile("%[src,lower(1)]", Usage.LOG)).hasMessage("failed to parse sample"
        + " expression <src,lower(1)]> : invalid arg 1 in converter 'lower' : expected ')' before '1)]'.");
    assertThatThrownBy(() -> LogFormat.compile("%[capture.req.hdr(x)]", Usage.LOG)).hasMessage("failed to parse sample"
        + " expression <capture.req.hdr(x)]> : fetch method 'capture.req.hdr' : failed to parse 'x' as type 'integer' at"
        + " position 1.");
    assertThatThrownBy(() -> LogFormat.compile("%[src,regsub(a)]", Usage.LOG)).hasMessage("failed to parse sample"
        + " expression <src,regsub(a)]> : invalid arg 2 in converter 'regsub' : missing arguments (got 1/2), type"
        + " 'string' expected.");
  }

  @Test
  void compile_fetchWhereItsDataIsMissing_refusedAsHaproxyDoes() {
    assertThatThrownBy(() -> LogFormat.compile("%[path]|x", Usage.LOG)).hasMessage("sample fetch <path]|x> may not be"
        + " reliably used here because it needs 'HTTP request headers' which is not available here.");
    assertThatThrownBy(() -> LogFormat.compile("%[status]", Usage.HTTP_REQUEST)).hasMessageContaining("needs 'HTTP"
        + " response' which");
    assertThatThrownBy(() -> LogFormat.compile("%[be_name]", Usage.HTTP_REQUEST)).hasMessageContaining("needs 'backend'");
    assertThatThrownBy(() -> LogFormat.compile("%[res.hdr(x)]", Usage.LOG))
        .hasMessageContaining("needs 'HTTP response headers'");
  }
}
