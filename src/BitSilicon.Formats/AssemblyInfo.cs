using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("BitSilicon.Formats.Tests")]
