namespace CcTsa.Crypto.Ed25519.Vartime;

/// <summary>A public point prepared for repeated addition: (Y+X, Y−X, Z, 2d·T) of its extended coordinates.</summary>
internal readonly struct CachedPoint(in FieldElement yPlusX, in FieldElement yMinusX, in FieldElement z, in FieldElement t2d)
{
    public readonly FieldElement YPlusX = yPlusX;
    public readonly FieldElement YMinusX = yMinusX;
    public readonly FieldElement Z = z;
    public readonly FieldElement T2d = t2d;
}
