using System.Runtime.InteropServices;

namespace Omk.Tests.Unix;

/// <summary>
/// A test that needs a second Unix user (and so root, to create it and to hand files to it). Without root it is
/// skipped, and says why: the only skip the suite allows.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "needs Linux users and setpriv";
        }
        else if (!Unix.IsRoot)
        {
            Skip = "needs root to create a second Unix user (useradd) and give files to it; CI runs the tests as root";
        }
    }
}
