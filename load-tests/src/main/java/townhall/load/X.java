package townhall.load; public class X {}
