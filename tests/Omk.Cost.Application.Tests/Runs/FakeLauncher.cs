using Omk.Cost.Application.Runs;

namespace Omk.Cost.Application.Tests.Runs;

/// <summary>Starts a <see cref="FakeChild"/>, or fails as a command that is not found.</summary>
internal sealed class FakeLauncher(FakeChild? child) : IChildProcessLauncher
{
    public List<ChildCommand> Started { get; } = [];

    public IChildProcess Start(ChildCommand command)
    {
        Started.Add(command);
        return child ?? throw new ChildStartException($"cannot start '{command.FileName}': not found");
    }
}
