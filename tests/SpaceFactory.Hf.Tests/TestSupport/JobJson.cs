namespace SpaceFactory.Hf.Tests.TestSupport;

/// <summary>Job answers shaped like the Hub's (field names from the protocol reference §2.6).</summary>
internal static class JobJson
{
    public const string Id = "687fb701029421ae5549d998";

    /// <summary>The assembled example of §2.6, stage RUNNING.</summary>
    public const string Running = """
        {
          "id": "687fb701029421ae5549d998",
          "createdAt": "2025-07-22T16:06:25.079Z",
          "startedAt": "2025-07-22T16:06:31.079Z",
          "finishedAt": null,
          "dockerImage": "python:3.12",
          "spaceId": null,
          "command": ["python", "-c", "print('Hello from the cloud!')"],
          "arguments": [],
          "environment": {},
          "secrets": ["HF_TOKEN"],
          "flavor": "cpu-basic",
          "labels": {"name": "python-3-12-1a2b3c4d"},
          "volumes": [{"type": "bucket", "source": "lhoestq/out", "mountPath": "/output", "readOnly": false}],
          "status": {"stage": "RUNNING", "message": null,
                     "exposeUrls": ["https://687fb701029421ae5549d998--8000.hf.jobs"],
                     "sshUrl": "ssh://687fb701029421ae5549d998@ssh.hf.jobs"},
          "durations": {"schedulingSecs": 6, "runningSecs": 2, "totalSecs": 8},
          "owner": {"id": "5e9ecfc04957053f60648a3e", "name": "lhoestq", "type": "user"},
          "initiator": {"type": "user", "id": "5e9ecfc04957053f60648a3e", "name": "lhoestq"}
        }
        """;

    /// <summary>A minimal Job answer in the given stage.</summary>
    public static string With(string stage, string id = Id, string owner = "testuser") =>
        $$"""{"id":"{{id}}","owner":{"id":"u1","name":"{{owner}}","type":"user"},"status":{"stage":"{{stage}}","message":null},"flavor":"cpu-basic"}""";
}
