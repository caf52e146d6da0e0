global using CcTsa.Contracts.Ids;
