namespace SpaceFactory.Web;

/// <summary>The stylesheet and the two page scripts: real files embedded in the assembly (no static-file folder to ship, no CDN).</summary>
internal static class Assets
{
    public static readonly string Css = Read("site.css");

    /// <summary>Refreshes the run page's status fragment until the run ended.</summary>
    public static readonly string RunScript = Read("run.js");

    /// <summary>Keeps the home page's run list current.</summary>
    public static readonly string RunsScript = Read("runs.js");

    private static string Read(string name)
    {
        using var stream = typeof(Assets).Assembly.GetManifestResourceStream("SpaceFactory.Web.Assets." + name)
            ?? throw new InvalidOperationException($"The asset {name} is not embedded in the web app.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
