using System.IO.Abstractions;
using NSubstitute;

namespace Omk.Runtime.Atomic.Tests;

/// <summary>
/// The real disk, except that one step of an atomic write fails with <see cref="Fault"/>
/// (write-file-atomic's fault injection). It stays a <see cref="FileSystem"/>, so the writer still flushes the folder.
/// </summary>
internal sealed class StepFaultFileSystem : FileSystem
{
    private readonly WriteStep? _failingStep;

    public StepFaultFileSystem(WriteStep? failingStep, Exception? fault = null)
    {
        _failingStep = failingStep;
        Fault = fault ?? new IOException($"injected fault: {failingStep}");
        File = new StepFaultFile(this);

        // The writer creates its temp file with New(string, FileStreamOptions) only; any other overload returns null and fails the test.
        var realStreams = base.FileStream;
        var streams = Substitute.For<IFileStreamFactory>();
        streams.FileSystem.Returns(this);
        streams.New(Arg.Any<string>(), Arg.Any<FileStreamOptions>()).Returns(call =>
        {
            FailAt(WriteStep.CreateTemp);
            return new StepFaultStream(realStreams.New(call.ArgAt<string>(0), call.ArgAt<FileStreamOptions>(1)), this);
        });
        FileStream = streams;
    }

    /// <summary>Gets the exception the failing step throws.</summary>
    public Exception Fault { get; }

    /// <summary>Gets how many times a rename was attempted.</summary>
    public int RenameAttempts { get; private set; }

    public override IFile File { get; }

    public override IFileStreamFactory FileStream { get; }

    /// <summary>Gets or sets what to do when a step is reached, before it fails or runs.</summary>
    public Action<WriteStep>? Reached { get; set; }

    public void FailAt(WriteStep step)
    {
        Reached?.Invoke(step);
        if (step == WriteStep.Rename)
        {
            RenameAttempts++;
        }

        if (step == _failingStep)
        {
            throw Fault;
        }
    }
}
