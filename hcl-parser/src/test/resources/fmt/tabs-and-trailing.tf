locals {
	a	=	1
	bb =	"x"	
	list = [
		1,
		2
	]
}


variable  "x"   {
	default	= "y"  
}
