// Placeholder: replaced by the simulator work (issue 3).
int main() { return 0; }
