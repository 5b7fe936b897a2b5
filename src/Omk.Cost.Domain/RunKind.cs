namespace Omk.Cost.Domain;

/// <summary>The kinds of run that omk estimates by their own rule; any other session type is a custom run.</summary>
internal enum RunKind
{
    /// <summary>A run of any other type: its workers and iterations multiply, at the tier given.</summary>
    Custom,

    /// <summary>A team run: its workers multiply, its tier comes from its role.</summary>
    Team,

    /// <summary>An autopilot run: its phases multiply.</summary>
    Autopilot,

    /// <summary>A ralph run: its iterations and stories multiply.</summary>
    Ralph,
}
