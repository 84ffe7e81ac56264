using SpaceFactory.Core;
using SpaceFactory.Web.Runs;

namespace SpaceFactory.Web.Tests;

/// <summary>report.md to HTML: raw HTML escaped, link targets kept only inside the run or on the web.</summary>
[TestFixture]
public sealed class ReportHtmlTests
{
    private static readonly RunId Run = RunId.Parse("20261202T120000Z-abcdefgh");

    [TestCase("artifacts/output.png", "/runs/20261202T120000Z-abcdefgh/files/artifacts/output.png")]
    [TestCase("report.md#steps", "/runs/20261202T120000Z-abcdefgh/files/report.md")]
    [TestCase("artifacts/a%20b.png", "/runs/20261202T120000Z-abcdefgh/files/artifacts/a%20b.png")]
    [TestCase("https://huggingface.co/spaces/alice/demo", "https://huggingface.co/spaces/alice/demo")]
    [TestCase("#steps", "#steps")]
    [TestCase("javascript:alert(1)", "#")]
    [TestCase("JaVaScRiPt:alert(1)", "#")]
    [TestCase("data:text/html;base64,PHNjcmlwdD4=", "#")]
    [TestCase("/SignOut", "#")]
    [TestCase("//evil.example/x", "#")]
    [TestCase("../other-run/state.json", "#")]
    [TestCase("artifacts/../../x", "#")]
    public void A_link_target_is_a_file_of_the_run_a_web_address_or_nothing(string url, string expected) =>
        Assert.That(ReportHtml.Target(url, Run), Is.EqualTo(expected));

    [Test]
    public void Raw_html_is_escaped_and_autolinks_with_other_schemes_are_neutralised()
    {
        var html = ReportHtml.Render("<script>alert(1)</script>\n\nA <b onclick=\"x()\">b</b> and <javascript:alert(3)> and ![i](artifacts/o.png)\n", Run);

        Assert.That(html, Does.Not.Contain("<script").And.Not.Contain("<b ").And.Not.Contain("href=\"javascript:"));
        Assert.That(html, Does.Contain("<a href=\"#\">#</a>"), "the address goes nowhere");
        Assert.That(html, Does.Contain("&lt;script&gt;alert(1)&lt;/script&gt;").And.Contain("&lt;b onclick="));
        Assert.That(html, Does.Contain("<img src=\"/runs/20261202T120000Z-abcdefgh/files/artifacts/o.png\""));
    }
}
