using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace CcTsa.ControlPlane.Tests.Architecture;

/// <summary>
/// Reads an assembly's metadata (System.Reflection.Metadata, no loading) and lists every type
/// that mentions a type of a forbidden assembly anywhere the compiler records it: base type,
/// interfaces, generic constraints, field/method/property/event signatures, custom attribute
/// constructors, local variables, catch clauses, and every token in method bodies (calls, field
/// accesses, typeof, casts, generic instantiations). Compiler-generated nested types (lambda
/// closures, async state machines) are attributed to the namespace of their outermost type.
/// Not covered: typeof(T) arguments of custom attributes, which metadata stores as strings.
/// </summary>
public sealed class ForbiddenReferenceScanner
{
    private static readonly Dictionary<short, OperandType> Operands = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(op => op.Value, op => op.OperandType);

    private readonly PEReader _pe;
    private readonly MetadataReader _md;
    private readonly HashSet<TypeReferenceHandle> _forbidden = [];
    private readonly SignatureMentions _provider;

    private ForbiddenReferenceScanner(PEReader pe, string forbiddenAssembly)
    {
        _pe = pe;
        _md = pe.GetMetadataReader();
        foreach (var h in _md.TypeReferences)
            if (string.Equals(AssemblyOf(h), forbiddenAssembly, StringComparison.OrdinalIgnoreCase))
                _forbidden.Add(h);
        _provider = new SignatureMentions(this);
    }

    /// <summary>Scans the types whose (outermost) namespace satisfies <paramref name="isChecked"/>.</summary>
    public static ScanResult Scan(string assemblyPath, string forbiddenAssembly, Func<string, bool> isChecked)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        return new ForbiddenReferenceScanner(pe, forbiddenAssembly).Run(isChecked);
    }

    private ScanResult Run(Func<string, bool> isChecked)
    {
        var checkedTypes = new List<string>();
        var violations = new List<string>();
        foreach (var handle in _md.TypeDefinitions)
        {
            var type = _md.GetTypeDefinition(handle);
            if (!isChecked(OuterNamespace(type))) continue;
            var name = FullName(type);
            checkedTypes.Add(name);
            violations.AddRange(Mentions(type).Select(where => $"{name}: {where}"));
        }
        return new ScanResult(checkedTypes, violations);
    }

    private IEnumerable<string> Mentions(TypeDefinition type)
    {
        if (Refers(type.BaseType)) yield return "base type";
        foreach (var i in type.GetInterfaceImplementations())
            if (Refers(_md.GetInterfaceImplementation(i).Interface)) yield return "interface";
        if (AttributesRefer(type.GetCustomAttributes())) yield return "attribute";
        if (ConstraintsRefer(type.GetGenericParameters())) yield return "generic constraint";
        foreach (var f in type.GetFields())
        {
            var field = _md.GetFieldDefinition(f);
            if (field.DecodeSignature(_provider, null) || AttributesRefer(field.GetCustomAttributes()))
                yield return "field " + _md.GetString(field.Name);
        }
        foreach (var p in type.GetProperties())
        {
            var property = _md.GetPropertyDefinition(p);
            if (property.DecodeSignature(_provider, null).ReturnType || AttributesRefer(property.GetCustomAttributes()))
                yield return "property " + _md.GetString(property.Name);
        }
        foreach (var e in type.GetEvents())
        {
            var ev = _md.GetEventDefinition(e);
            if (Refers(ev.Type)) yield return "event " + _md.GetString(ev.Name);
        }
        foreach (var m in type.GetMethods())
        {
            var method = _md.GetMethodDefinition(m);
            if (MethodRefers(method)) yield return "method " + _md.GetString(method.Name);
        }
    }

    private bool MethodRefers(MethodDefinition method)
    {
        if (Mentions(method.DecodeSignature(_provider, null))) return true;
        if (AttributesRefer(method.GetCustomAttributes()) || ConstraintsRefer(method.GetGenericParameters())) return true;
        if (method.RelativeVirtualAddress == 0) return false;
        var body = _pe.GetMethodBody(method.RelativeVirtualAddress);
        if (!body.LocalSignature.IsNil && Refers(body.LocalSignature)) return true;
        if (body.ExceptionRegions.Any(r => !r.CatchType.IsNil && Refers(r.CatchType))) return true;
        return BodyTokens(body.GetILReader()).Any(Refers);
    }

    /// <summary>Every metadata token operand of the IL stream (strings excluded).</summary>
    private static List<EntityHandle> BodyTokens(BlobReader il)
    {
        var tokens = new List<EntityHandle>();
        while (il.RemainingBytes > 0)
        {
            short code = il.ReadByte();
            if (code == 0xFE) code = unchecked((short)(0xFE00 | il.ReadByte()));
            switch (Operands[code])
            {
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok
                    or OperandType.InlineType or OperandType.InlineSig:
                    tokens.Add(MetadataTokens.EntityHandle(il.ReadInt32()));
                    break;
                case OperandType.InlineSwitch:
                    // read the count first: `Offset += 4 * ReadInt32()` would read Offset before the
                    // count advanced it and land 4 bytes short
                    var targets = il.ReadInt32();
                    il.Offset += 4 * targets;
                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    il.Offset += 1;
                    break;
                case OperandType.InlineVar:
                    il.Offset += 2;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    il.Offset += 8;
                    break;
                default: // InlineBrTarget, InlineI, InlineString, ShortInlineR
                    il.Offset += 4;
                    break;
            }
        }
        return tokens;
    }

    internal bool Refers(EntityHandle handle)
    {
        if (handle.IsNil) return false;
        switch (handle.Kind)
        {
            case HandleKind.TypeReference:
                return _forbidden.Contains((TypeReferenceHandle)handle);
            case HandleKind.TypeSpecification:
                return _md.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(_provider, null);
            case HandleKind.MemberReference:
                var member = _md.GetMemberReference((MemberReferenceHandle)handle);
                if (Refers(member.Parent)) return true;
                return member.GetKind() == MemberReferenceKind.Method
                    ? Mentions(member.DecodeMethodSignature(_provider, null))
                    : member.DecodeFieldSignature(_provider, null);
            case HandleKind.MethodSpecification:
                var spec = _md.GetMethodSpecification((MethodSpecificationHandle)handle);
                return Refers(spec.Method) || spec.DecodeSignature(_provider, null).Any(t => t);
            case HandleKind.StandaloneSignature:
                var sig = _md.GetStandaloneSignature((StandaloneSignatureHandle)handle);
                return sig.GetKind() == StandaloneSignatureKind.LocalVariables
                    ? sig.DecodeLocalSignature(_provider, null).Any(t => t)
                    : Mentions(sig.DecodeMethodSignature(_provider, null));
            default: // definitions of this assembly: checked where they are declared
                return false;
        }
    }

    private static bool Mentions(MethodSignature<bool> signature) => signature.ReturnType || signature.ParameterTypes.Any(t => t);

    private bool AttributesRefer(CustomAttributeHandleCollection attributes) =>
        attributes.Any(a => Refers(_md.GetCustomAttribute(a).Constructor));

    private bool ConstraintsRefer(GenericParameterHandleCollection parameters) =>
        parameters.Any(p => _md.GetGenericParameter(p).GetConstraints()
            .Any(c => Refers(_md.GetGenericParameterConstraint(c).Type)));

    private string? AssemblyOf(TypeReferenceHandle handle)
    {
        var scope = _md.GetTypeReference(handle).ResolutionScope;
        while (scope.Kind == HandleKind.TypeReference) // nested type: its declaring type's scope
            scope = _md.GetTypeReference((TypeReferenceHandle)scope).ResolutionScope;
        return scope.Kind == HandleKind.AssemblyReference
            ? _md.GetString(_md.GetAssemblyReference((AssemblyReferenceHandle)scope).Name)
            : null;
    }

    private string OuterNamespace(TypeDefinition type)
    {
        while (!type.GetDeclaringType().IsNil) type = _md.GetTypeDefinition(type.GetDeclaringType());
        return _md.GetString(type.Namespace);
    }

    private string FullName(TypeDefinition type)
    {
        var name = _md.GetString(type.Name);
        var declaring = type.GetDeclaringType();
        return declaring.IsNil ? $"{_md.GetString(type.Namespace)}.{name}" : $"{FullName(_md.GetTypeDefinition(declaring))}+{name}";
    }

    /// <summary>Decodes a signature to "does it mention a forbidden type anywhere".</summary>
    private sealed class SignatureMentions(ForbiddenReferenceScanner scanner) : ISignatureTypeProvider<bool, object?>
    {
        public bool GetPrimitiveType(PrimitiveTypeCode typeCode) => false;
        public bool GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => false;
        public bool GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => scanner.Refers(handle);
        public bool GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) => scanner.Refers(handle);
        public bool GetSZArrayType(bool elementType) => elementType;
        public bool GetArrayType(bool elementType, ArrayShape shape) => elementType;
        public bool GetByReferenceType(bool elementType) => elementType;
        public bool GetPointerType(bool elementType) => elementType;
        public bool GetPinnedType(bool elementType) => elementType;
        public bool GetGenericInstantiation(bool genericType, ImmutableArray<bool> typeArguments) => genericType || typeArguments.Any(t => t);
        public bool GetGenericMethodParameter(object? genericContext, int index) => false;
        public bool GetGenericTypeParameter(object? genericContext, int index) => false;
        public bool GetFunctionPointerType(MethodSignature<bool> signature) => Mentions(signature);
        public bool GetModifiedType(bool modifier, bool unmodifiedType, bool isRequired) => modifier || unmodifiedType;
    }
}
