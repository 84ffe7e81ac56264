using SpaceFactory.Web;

await using var app = await WebApp.BuildAsync(args).ConfigureAwait(false);
await app.RunAsync().ConfigureAwait(false);
