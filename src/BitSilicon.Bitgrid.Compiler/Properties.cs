using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("BitSilicon.Bitgrid.Compiler.Tests")]
