namespace SpaceFactory.Hf.Tests.Hub;

/// <summary>
/// Response bodies copied from the real Hub cassettes in shared/fixtures/hub-recordings (named per constant) and
/// request bodies from the reference traffic (shared/protocols/reference-traffic.md, Appendix A/B).
/// </summary>
internal static class HubRecordings
{
    public const string JsonType = "application/json; charset=utf-8";

    /// <summary>space-api.test_manage_variables.yaml: POST /api/repos/create → 200.</summary>
    public const string CreateSpaceResponse =
        """{"url":"https://huggingface.co/spaces/user/tmp_test_space","name":"user/tmp_test_space","id":"67cae56f9b4f4ee4713c83e7"}""";

    /// <summary>space-api.test_manage_secrets.yaml: POST /api/repos/create → 409.</summary>
    public const string CreateSpaceConflict =
        """{"error":"You already created this space repo","url":"https://huggingface.co/spaces/user/tmp_test_space"}""";

    /// <summary>space-api.test_manage_secrets.yaml: POST /api/spaces/user/tmp_test_space/preupload/main → 200.</summary>
    public const string PreuploadRegular =
        """{"files":[{"path":"app.py","uploadMode":"regular","shouldIgnore":false}],"commitOid":"8aa4cd78db279c7d673ade7a798dd4adff562cbb"}""";

    /// <summary>space-api.test_manage_secrets.yaml: the commit request's app.py (152 bytes), as base64.</summary>
    public const string AppPyBase64 =
        "CmltcG9ydCBncmFkaW8gYXMgZ3IKCgpkZWYgZ3JlZXQobmFtZSk6CiAgICByZXR1cm4gIkhlbGxvICIgKyBuYW1lICsgIiEhIgoKaWZhY2UgPSBnci5JbnRlcmZhY2UoZm49Z3JlZXQsIGlucHV0cz0idGV4dCIsIG91dHB1dHM9InRleHQiKQppZmFjZS5sYXVuY2goKQo=";

    /// <summary>space-api.test_manage_secrets.yaml: POST /api/spaces/user/tmp_test_space/commit/main → 200.</summary>
    public const string CommitResponse =
        """{"success":true,"commitOid":"855efb9561990d02233a49204227f93ba5cfaa81","commitUrl":"https://huggingface.co/spaces/user/tmp_test_space/commit/855efb9561990d02233a49204227f93ba5cfaa81","hookOutput":""}""";

    /// <summary>space-api.test_space_runtime.yaml: GET /api/spaces/user/tmp_test_space/runtime → 200.</summary>
    public const string RuntimeBuilding =
        """{"stage":"BUILDING","hardware":{"current":null,"requested":"cpu-basic"},"storage":null,"gcTimeout":172800,"replicas":{"requested":1},"devMode":false,"domains":[{"domain":"user-tmp-test-space.hf.space","stage":"READY"}]}""";

    /// <summary>space-api.test_pause_and_restart_space.yaml: POST /api/spaces/user/tmp_test_space/pause → 200.</summary>
    public const string RuntimePaused =
        """{"stage":"PAUSED","hardware":{"current":null,"requested":"cpu-basic"},"storage":null,"gcTimeout":172800,"replicas":{"requested":1},"devMode":false,"domains":[{"domain":"user-tmp-test-space.hf.space","stage":"READY"}]}""";

    /// <summary>space-api.test_static_space_runtime.yaml: GET /api/spaces/victor/static-space/runtime → 200.</summary>
    public const string RuntimeStatic =
        """{"stage":"RUNNING","hardware":{"current":null,"requested":null},"storage":null,"replicas":{"requested":1,"current":1}}""";

    /// <summary>space-api.test_manage_variables.yaml: the final GET /api/spaces/user/tmp_test_space/variables → 200.</summary>
    public const string Variables =
        """{"foo":{"value":"456","description":"updated description","updatedAt":"2025-03-07T12:24:19.875Z"},"MODEL_REPO_ID":{"value":"user/repo","updatedAt":"2025-03-07T12:24:19.140Z"},"MODEL_PAPER":{"value":"arXiv","description":"found it there","updatedAt":"2025-03-07T12:24:19.337Z"}}""";

    /// <summary>space-api.test_manage_secrets.yaml: secrets POST/DELETE → 200.</summary>
    public const string EmptyObject = "{}";
}
