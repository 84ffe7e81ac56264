namespace SpaceFactory.Web;

/// <summary>The stylesheet and the run page's refresh script, served from code (no static-file folder to ship).</summary>
internal static class Assets
{
    public const string Css = """
        body { font-family: system-ui, sans-serif; margin: 0; color: #1f2328; background: #f6f8fa; }
        header { background: #24292f; color: #fff; padding: .6rem 1.2rem; display: flex; gap: 1rem; align-items: center; }
        header a { color: #fff; } header form { margin-left: auto; }
        main { max-width: 60rem; margin: 1.5rem auto; background: #fff; padding: 1.2rem 1.6rem; border-radius: 8px; }
        fieldset { margin: 1rem 0; border: 1px solid #d0d7de; border-radius: 6px; }
        label { display: block; margin: .4rem 0; } input[type=text], select { width: 28rem; max-width: 100%; }
        table { border-collapse: collapse; width: 100%; } td, th { border-bottom: 1px solid #d0d7de; padding: .25rem .4rem; text-align: left; font-size: .9rem; }
        .error { background: #ffebe9; border: 1px solid #ff8182; padding: .6rem; border-radius: 6px; }
        .field-error { display: block; color: #a40e26; margin: -.2rem 0 .6rem; }
        .stage { font-size: 1.2rem; font-weight: 600; } .succeeded { color: #1a7f37; } .failed { color: #cf222e; }
        .muted { color: #57606a; font-size: .85rem; }
        """;

    /// <summary>Replaces the status fragment every second until the run ended (the fragment says so).</summary>
    public const string RunScript = """
        (function () {
          const box = document.getElementById('run-status');
          if (!box) return;
          async function refresh() {
            if (box.querySelector('[data-ended="true"]')) return;
            try {
              const response = await fetch(box.dataset.fragment, { credentials: 'same-origin', cache: 'no-store' });
              if (response.ok) box.innerHTML = await response.text();
            } catch (e) { /* try again */ }
            setTimeout(refresh, 1000);
          }
          setTimeout(refresh, 1000);
        })();
        """;
}
