"""Read and validate what editors write (pages, data files, bibliography, settings) into typed objects, once."""
