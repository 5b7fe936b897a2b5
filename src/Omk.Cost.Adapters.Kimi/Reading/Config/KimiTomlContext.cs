using Tomlyn.Model;
using Tomlyn.Serialization;

namespace Omk.Cost.Adapters.Kimi.Reading.Config;

/// <summary>
/// Tomlyn's source-generated metadata for reading a TOML document as a <see cref="TomlTable"/>, so that no
/// reflection is needed (the Native AOT build stays free of trimming warnings).
/// </summary>
[TomlSerializable(typeof(TomlTable))]
internal sealed partial class KimiTomlContext : TomlSerializerContext;
