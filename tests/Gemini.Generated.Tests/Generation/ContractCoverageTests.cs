using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using Gemini.SpecTool;

namespace Gemini.Generated.Tests.Generation;

/// <summary>
/// Hand-written code (the SDK's Custom/ layer, gemini-chat, the fake server) touches generated members only through a
/// declared contract (build/Gemini.SpecTool/Normalization/Contracts.cs): every generated member it uses, read from the compiled
/// IL, is in the table. So a spec that drops anything else regenerates without a compile error, and a spec that drops a
/// contract fails at normalization, naming what needs it.
/// </summary>
public class ContractCoverageTests
{
    /// <summary>Members every generated type has whatever the spec says (rule 'open-objects').</summary>
    private static readonly string[] Always = { "AdditionalProperties", "_additionalProperties", ".ctor" };

    private static readonly Dictionary<short, OperandType> OperandTypes = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value, o => o.OperandType);

    [Test]
    public void HandWrittenCode_UsesOnlyGeneratedMembersThatAContractDeclares()
    {
        var declared = Contracts.Table.SelectMany(c => c.Generated.Split(", "))
            .Select(g => g.Split(' ')[0])
            .ToHashSet(StringComparer.Ordinal);
        var declaredTypes = declared.Select(d => d.Split('.')[0]).ToHashSet(StringComparer.Ordinal);

        var sdk = typeof(ChatCompletion).Assembly.Location;
        var generated = GeneratedMembers(sdk);
        var generatedNames = generated.Values.Select(m => $"{m.Type}.{m.Member}").ToHashSet(StringComparer.Ordinal);
        var used = UsedBySdk(sdk, generated)
            .Concat(UsedByAssembly(typeof(Gemini.Generated.Testing.FakeAimlServer).Assembly.Location, generatedNames))
            .Concat(UsedByAssembly(Path.Combine(AppContext.BaseDirectory, "gemini-chat.dll"), generatedNames))
            .Distinct()
            .ToList();

        var undeclared = used
            .Where(u => !declared.Contains($"{u.Type}.{u.Member}"))
            .Where(u => !(Always.Contains(u.Member) && declaredTypes.Contains(u.Type)))
            .Where(u => !(u.Member.Length == 0 && declaredTypes.Contains(u.Type)))
            .Select(u => $"{u.Type}.{u.Member} (used by {u.User})")
            .OrderBy(u => u, StringComparer.Ordinal)
            .ToList();

        Assert.That(used, Is.Not.Empty, "the scan found the generated members the hand-written code uses");
        Assert.That(undeclared, Is.Empty, "generated members used by hand-written code but declared by no contract:\n" + string.Join("\n", undeclared));
    }

    /// <summary>Generated methods (their source is the generated file) by token, as Type.Member.</summary>
    private static Dictionary<int, (string Type, string Member)> GeneratedMembers(string assembly)
    {
        using var pe = new PEReader(File.OpenRead(assembly));
        using var pdb = OpenPdb(pe, assembly);
        var metadata = pe.GetMetadataReader();
        var debug = pdb.GetMetadataReader();
        var members = new Dictionary<int, (string, string)>();
        foreach (var handle in metadata.MethodDefinitions)
        {
            if (!IsGenerated(debug, handle))
            {
                continue;
            }

            var method = metadata.GetMethodDefinition(handle);
            var type = metadata.GetString(metadata.GetTypeDefinition(method.GetDeclaringType()).Name);
            members[MetadataTokens.GetToken(handle)] = (type, MemberName(metadata.GetString(method.Name)));
        }

        return members;
    }

    /// <summary>The assembly's portable PDB: embedded (the packages' setting), else beside it.</summary>
    private static MetadataReaderProvider OpenPdb(PEReader pe, string assembly)
    {
        var embedded = pe.ReadDebugDirectory().Where(e => e.Type == DebugDirectoryEntryType.EmbeddedPortablePdb).ToList();
        return embedded.Count > 0
            ? pe.ReadEmbeddedPortablePdbDebugDirectoryData(embedded[0])
            : MetadataReaderProvider.FromPortablePdbStream(File.OpenRead(Path.ChangeExtension(assembly, ".pdb")));
    }

    private static IEnumerable<(string Type, string Member, string User)> UsedBySdk(string assembly, Dictionary<int, (string Type, string Member)> generated)
    {
        using var pe = new PEReader(File.OpenRead(assembly));
        using var pdb = OpenPdb(pe, assembly);
        var metadata = pe.GetMetadataReader();
        var debug = pdb.GetMetadataReader();
        var used = new List<(string, string, string)>();
        foreach (var handle in metadata.MethodDefinitions)
        {
            var method = metadata.GetMethodDefinition(handle);
            if (method.RelativeVirtualAddress == 0 || IsGenerated(debug, handle) || !HasSource(debug, handle))
            {
                continue;
            }

            var user = metadata.GetString(metadata.GetTypeDefinition(method.GetDeclaringType()).Name);
            foreach (var token in Tokens(pe.GetMethodBody(method.RelativeVirtualAddress).GetILBytes()!))
            {
                if (generated.TryGetValue(token, out var member))
                {
                    used.Add((member.Type, member.Member, user));
                }
            }
        }

        return used;
    }

    private static IEnumerable<(string Type, string Member, string User)> UsedByAssembly(string assembly, HashSet<string> generatedMembers)
    {
        using var pe = new PEReader(File.OpenRead(assembly));
        var metadata = pe.GetMetadataReader();
        var user = Path.GetFileNameWithoutExtension(assembly);
        var used = new List<(string, string, string)>();
        foreach (var handle in metadata.MemberReferences)
        {
            var reference = metadata.GetMemberReference(handle);
            if (reference.Parent.Kind == HandleKind.TypeReference)
            {
                var type = metadata.GetTypeReference((TypeReferenceHandle)reference.Parent);
                var name = metadata.GetString(type.Name);
                var member = MemberName(metadata.GetString(reference.Name));
                if (metadata.GetString(type.Namespace) == "Gemini.Generated" && generatedMembers.Contains($"{name}.{member}"))
                {
                    used.Add((name, member, user));
                }
            }
        }

        return used;
    }

    private static string MemberName(string name) => name.StartsWith("get_", StringComparison.Ordinal) || name.StartsWith("set_", StringComparison.Ordinal) ? name.Substring(4) : name;

    private static bool HasSource(MetadataReader debug, MethodDefinitionHandle handle) =>
        !debug.GetMethodDebugInformation(handle).Document.IsNil || debug.GetMethodDebugInformation(handle).GetSequencePoints().Any();

    private static bool IsGenerated(MetadataReader debug, MethodDefinitionHandle handle)
    {
        var info = debug.GetMethodDebugInformation(handle);
        var document = info.Document.IsNil ? info.GetSequencePoints().Select(p => p.Document).FirstOrDefault() : info.Document;
        return !document.IsNil && debug.GetString(debug.GetDocument(document).Name).EndsWith(".g.cs", StringComparison.Ordinal);
    }

    /// <summary>The metadata tokens the IL refers to (methods, fields, types).</summary>
    private static IEnumerable<int> Tokens(byte[] il)
    {
        var i = 0;
        while (i < il.Length)
        {
            short code = il[i++];
            if (code == 0xFE)
            {
                code = (short)(0xFE00 | il[i++]);
            }

            var operand = OperandTypes[code];
            switch (operand)
            {
                case OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineTok or OperandType.InlineType:
                    yield return BitConverter.ToInt32(il, i);
                    i += 4;
                    break;
                case OperandType.InlineSwitch:
                    i += 4 + (4 * BitConverter.ToInt32(il, i));
                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    i += 1;
                    break;
                case OperandType.InlineVar:
                    i += 2;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    i += 8;
                    break;
                default:
                    i += 4;
                    break;
            }
        }
    }
}
