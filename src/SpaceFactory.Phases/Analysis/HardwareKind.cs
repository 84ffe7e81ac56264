namespace SpaceFactory.Phases.Analysis;

/// <summary>The kinds of Space hardware, in the order the ladder climbs them.</summary>
public enum HardwareKind
{
    /// <summary>CPU only (<c>cpu-basic</c>, <c>cpu-upgrade</c>).</summary>
    Cpu,

    /// <summary>ZeroGPU: a shared GPU lent per call (<c>@spaces.GPU</c>), free within quotas.</summary>
    ZeroGpu,

    /// <summary>A dedicated, paid GPU (<c>t4-small</c> … <c>h100</c>).</summary>
    Gpu,
}
